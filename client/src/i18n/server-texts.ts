import type { ServerText, ServerTextCode } from '../../../src/contracts/server-texts.js';
import { currentLanguage, interpolate, type Language } from './i18n.js';
import { serverTextsEn } from './server-texts.en.js';
import { serverTextsNl } from './server-texts.nl.js';

/** The server's sentences (src/contracts/server-texts.ts) in each language of the client. */
export const serverTextCatalogues: Readonly<Record<Language, Readonly<Record<ServerTextCode, string>>>> = {
  en: serverTextsEn,
  nl: serverTextsNl,
};

/**
 * A server sentence in the current language. A code this client does not know (a newer server)
 * comes out as null, so the caller shows what else it has rather than a code.
 */
export function serverTextString(text: ServerText): string | null {
  const catalogue = serverTextCatalogues[currentLanguage()];
  if (!Object.hasOwn(catalogue, text.code)) {
    return null;
  }
  return interpolate(catalogue[text.code], text.params);
}
