import { isLanguage, type Language } from '../i18n/i18n.js';

/**
 * The only things the client keeps in the browser's storage: two display preferences, which must
 * be known before anyone logs in (the language of the first page, and a neutral tab title from
 * the first moment), and on a device the member marked as their own, a mark that a reload should
 * try the HttpOnly login cookie, and what the member was writing (drafts, see core/drafts.ts). On
 * any other device nothing a member writes is stored; no login name and no token ever is: the
 * session lives in memory (see auth/session.ts). A test lists the storage after every flow.
 */
const KEYS = {
  language: 'kring.lang',
  discreet: 'kring.discreet',
  device: 'kring.device',
  drafts: 'kring.drafts',
} as const;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    // Storage can be switched off (private modes, strict settings); Kring works without it.
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) {
      localStorage.removeItem(key);
    } else {
      localStorage.setItem(key, value);
    }
  } catch {
    // As above: a preference that cannot be kept is simply asked again next time.
  }
}

export function savedLanguage(): Language | null {
  const value = read(KEYS.language);
  return isLanguage(value) ? value : null;
}

export function saveLanguage(language: Language): void {
  write(KEYS.language, language);
}

export function savedDiscreet(): boolean {
  return read(KEYS.discreet) === '1';
}

export function saveDiscreet(on: boolean): void {
  // Off is the default: remove the key rather than keep a trace of the choice.
  write(KEYS.discreet, on ? '1' : null);
}

/** The member chose "this is my own device" at login: a reload tries the login cookie. */
export function keptSignedIn(): boolean {
  return read(KEYS.device) === '1';
}

export function saveKeptSignedIn(on: boolean): void {
  write(KEYS.device, on ? '1' : null);
  if (!on) {
    // No longer the member's own device: nothing they were writing stays on it.
    write(KEYS.drafts, null);
  }
}

/** Drafts kept across a reload: only ever written on a device the member marked as their own. */
export function savedDrafts(): Record<string, string> {
  try {
    const value: unknown = JSON.parse(read(KEYS.drafts) ?? '{}');
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function saveDrafts(drafts: Record<string, string> | null): void {
  write(KEYS.drafts, drafts && keptSignedIn() ? JSON.stringify(drafts) : null);
}

/** The storage keys the client may use: for the test that nothing else ends up in storage. */
export const STORAGE_KEYS: readonly string[] = Object.values(KEYS);
