import { isLanguage, type Language } from '../i18n/i18n.js';

/**
 * The only things the client keeps in the browser's storage: two display preferences, which must
 * be known before anyone logs in (the language of the first page, and a neutral tab title from
 * the first moment). Nothing a member writes, no login name and no token is ever stored: the
 * session lives in memory (see auth/session.ts). A test lists the storage after every flow.
 */
const KEYS = { language: 'kring.lang', discreet: 'kring.discreet' } as const;

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

/** The storage keys the client may use: for the test that nothing else ends up in storage. */
export const STORAGE_KEYS: readonly string[] = Object.values(KEYS);
