import { describe, expect, it } from '@jest/globals';
import { aliasSchema, GROUP_LOCALES } from '../contracts/groups.js';
import { aliasKey, generateAlias } from './aliases.js';

describe('generateAlias', () => {
  it.each(GROUP_LOCALES)('makes two words with a space that the alias contract accepts (%s)', (locale) => {
    for (let i = 0; i < 200; i++) {
      for (const attempt of [0, 4, 5, 9]) {
        const alias = generateAlias(locale, attempt);
        expect(aliasSchema.safeParse(alias).success).toBe(true);
        expect(alias).toMatch(attempt < 5 ? /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u : /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+ \d{2}$/u);
        expect(aliasKey(alias)).toBe(alias.toLowerCase());
      }
    }
  });
});
