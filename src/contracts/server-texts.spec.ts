import { describe, expect, it } from '@jest/globals';
import { serverTextCatalogues } from '../../client/src/i18n/server-texts.js';
import { SERVER_TEXT_CODES, SERVER_TEXTS, type ServerTextCode } from './server-texts.js';

const languages = Object.keys(serverTextCatalogues) as (keyof typeof serverTextCatalogues)[];

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((found) => found[1]).sort();
}

describe('the catalogue of server texts', () => {
  it('is said in both languages of the client', () => {
    expect([...languages].sort()).toEqual(['en', 'nl']);
  });

  it.each(languages)('has a %s translation of every code, with exactly its parameters', (language) => {
    const catalogue: Readonly<Record<string, string>> = serverTextCatalogues[language];
    const problems: string[] = [];
    for (const code of SERVER_TEXT_CODES) {
      const template = Object.hasOwn(catalogue, code) ? catalogue[code] : undefined;
      if (!template?.trim()) {
        problems.push(`${code}: no ${language} text`);
        continue;
      }
      const expected = [...(SERVER_TEXTS[code] as readonly string[])].sort();
      if (placeholders(template).join() !== [...new Set(expected)].join()) {
        problems.push(
          `${code}: ${language} text has {${placeholders(template).join('}, {')}}, the code {${expected.join('}, {')}}`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(languages)('has no %s translation of a code that no longer exists', (language) => {
    const unused = Object.keys(serverTextCatalogues[language]).filter(
      (code) => !SERVER_TEXT_CODES.includes(code as ServerTextCode),
    );
    expect(unused).toEqual([]);
  });

  it('never gives a Dutch reader the English sentence', () => {
    const { en, nl } = serverTextCatalogues;
    const same = SERVER_TEXT_CODES.filter((code) => en[code] === nl[code]);
    expect(same).toEqual([]);
  });
});
