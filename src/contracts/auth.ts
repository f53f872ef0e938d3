import { z } from 'zod';
import type { CrisisAccess } from './crisis.js';
import { text } from './text.js';

/**
 * Account and login payloads, shared by the server (validation, OpenAPI) and the browser client.
 * Every object is strict: an unknown field (an email address, say) is refused, not ignored.
 */

const LOGIN_NAME_PATTERN = /^[a-z0-9_.-]{3,32}$/;
const EMAIL_LIKE = /@|^[^.]+(\.[^.]+)*\.(com|net|org|be|nl|eu|info|io|me)$/;

/** Seven or more digits, ignoring separators, is how a phone number looks in a name. */
function looksLikePhoneNumber(name: string): boolean {
  return (name.replace(/[^0-9]/g, '').length >= 7 && /^[+0-9 ._-]+$/.test(name)) || /\d{8,}/.test(name);
}

export const loginNameSchema = text({ max: 1024, lowerCase: true, required: 'Choose a login name.' }).superRefine(
  (name, ctx) => {
    if (EMAIL_LIKE.test(name)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'This looks like an email address. Choose a name that does not identify you: others must not be able to find you by it.',
      });
    } else if (looksLikePhoneNumber(name)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'This looks like a phone number. Choose a name that does not identify you: others must not be able to find you by it.',
      });
    } else if (!LOGIN_NAME_PATTERN.test(name)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Use 3 to 32 characters: letters a–z, digits, and _ . -',
      });
    }
  },
);

/** bcrypt reads at most 72 bytes; a longer password is refused rather than silently cut. */
export const PASSWORD_MAX_BYTES = 72;
export const PASSWORD_MIN_LENGTH = 12;

const PASSWORD_TOO_LONG = `Use at most ${PASSWORD_MAX_BYTES} bytes (about 72 letters; accented letters and emoji count double or more).`;

export const newPasswordSchema = text({
  max: PASSWORD_MAX_BYTES,
  trim: false,
  required: 'Choose a password.',
  tooLong: PASSWORD_TOO_LONG,
})
  // Characters as people count them (code points), not UTF-16 units: six emoji are six characters.
  .refine((password) => [...password].length >= PASSWORD_MIN_LENGTH, {
    message: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  })
  // Bytes as bcrypt reads them: within the 72 UTF-16 units above, accented letters and emoji can still pass 72 bytes.
  .refine((password) => new TextEncoder().encode(password).length <= PASSWORD_MAX_BYTES, {
    message: PASSWORD_TOO_LONG,
  });

/** For logging in: any string, so the rules of today do not lock out a password set earlier. */
const existingPasswordSchema = text({
  min: 1,
  max: 1024,
  trim: false,
  required: 'Enter your password.',
  tooShort: 'Enter your password.',
});

export const registerSchema = z.strictObject({
  loginName: loginNameSchema,
  password: newPasswordSchema,
});

export const loginSchema = z.strictObject({
  loginName: text({ min: 1, max: 64, lowerCase: true, required: 'Enter your login name.' }),
  password: existingPasswordSchema,
  /** "This is my own device": the refresh token then travels in an HttpOnly cookie, not the body. */
  keepSignedIn: z.boolean().optional(),
});

/** The token in the body (a session held in memory), or none: then the device cookie carries it. */
export const refreshSchema = z.strictObject({
  refreshToken: text({ min: 1, max: 200, required: 'Send the refresh token.' }).optional(),
});

export const logoutSchema = z.strictObject({
  everywhere: z.boolean().optional(),
});

export const recoverSchema = z.strictObject({
  loginName: text({ min: 1, max: 64, lowerCase: true, required: 'Enter your login name.' }),
  recoveryCode: text({ min: 1, max: 64, lowerCase: true, required: 'Enter one of your recovery codes.' }),
  newPassword: newPasswordSchema,
});

export const changePasswordSchema = z.strictObject({
  currentPassword: existingPasswordSchema,
  newPassword: newPasswordSchema,
});

export const deleteAccountSchema = z.strictObject({
  password: existingPasswordSchema,
});

export type RegisterRequest = z.infer<typeof registerSchema>;
export type LoginRequest = z.infer<typeof loginSchema>;
export type RefreshRequest = z.infer<typeof refreshSchema>;
export type LogoutRequest = z.infer<typeof logoutSchema>;
export type RecoverRequest = z.infer<typeof recoverSchema>;
export type ChangePasswordRequest = z.infer<typeof changePasswordSchema>;
export type DeleteAccountRequest = z.infer<typeof deleteAccountSchema>;

export interface AccountView {
  loginName: string;
  role: 'member' | 'admin';
  createdAt: string;
  /** Whether the crisis desk and duty are this account's to use. */
  crisis: CrisisAccess;
}

export interface RegisterResponse {
  account: Omit<AccountView, 'role' | 'crisis'>;
  recoveryCodes: string[];
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/** On a device kept signed in, the refresh token is in an HttpOnly cookie, never in the body. */
export type DeviceTokens = Omit<TokenPair, 'refreshToken'>;

/** One login of mine (a device), for the account page; no IP address is kept. */
export interface DeviceView {
  id: string;
  /** Coarse names from the User-Agent ("Chrome", "Android"), null when not recognised. */
  browser: string | null;
  os: string | null;
  createdAt: string;
  /** When its tokens were last renewed; null before the first renewal. */
  lastUsedAt: string | null;
  keepSignedIn: boolean;
  /** The login this request came from. */
  current: boolean;
}
