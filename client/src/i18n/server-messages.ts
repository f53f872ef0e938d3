import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from '../../../src/contracts/auth.js';
import { type Message, msg } from './i18n.js';

/**
 * The server (and the shared zod schemas in src/contracts, which the client runs too) explain a
 * refused field in English. Until the API sends a machine-readable reason per field, this table
 * turns each known English text into a translated message; an unknown text is shown as it came,
 * so a reason is never hidden. test/browser-client.e2e-spec.ts fails when a contract's message is
 * missing here.
 */
const KNOWN: ReadonlyMap<string, Message> = new Map([
  ['Choose a login name.', msg('validation.loginNameRequired')],
  ['Enter your login name.', msg('validation.loginNameEnter')],
  [
    'This looks like an email address. Choose a name that does not identify you: others must not be able to find you by it.',
    msg('validation.loginNameEmail'),
  ],
  [
    'This looks like a phone number. Choose a name that does not identify you: others must not be able to find you by it.',
    msg('validation.loginNamePhone'),
  ],
  ['Use 3 to 32 characters: letters a–z, digits, and _ . -', msg('validation.loginNamePattern')],
  ['This login name is taken.', msg('validation.loginNameTaken')],
  ['This login name is taken. Choose another one.', msg('validation.loginNameTaken')],
  ['Choose a password.', msg('validation.passwordRequired')],
  ['Enter your password.', msg('validation.passwordEnter')],
  [`Use at least ${PASSWORD_MIN_LENGTH} characters.`, msg('validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH })],
  [
    `Use at most ${PASSWORD_MAX_BYTES} bytes (about 72 letters; accented letters and emoji count double or more).`,
    msg('validation.passwordTooLong', { max: PASSWORD_MAX_BYTES }),
  ],
  ['This password is one of the most common ones and easy to guess. Choose another.', msg('validation.passwordCommon')],
  ['Enter one of your recovery codes.', msg('validation.recoveryCodeEnter')],
  ['This field is not accepted.', msg('validation.notAccepted')],
  ['This login name and password do not match.', msg('error.invalidCredentials')],
  ['The password is not right.', msg('error.wrongPassword')],
  ['This login name and recovery code do not match.', msg('error.invalidRecoveryCode')],
  ['This session has ended. Please log in again.', msg('error.sessionEnded')],
  ['You need to log in.', msg('error.unauthorized')],
]);

/** A message for text that the server or a shared schema wrote in English. */
export type ShownMessage = Message | { text: string };

export function fromServerText(text: string): ShownMessage {
  return KNOWN.get(text) ?? { text };
}

export function isKnownServerText(text: string): boolean {
  return KNOWN.has(text);
}
