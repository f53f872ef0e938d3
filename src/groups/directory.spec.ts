import { describe, expect, it } from '@jest/globals';
import {
  type DirectoryRow,
  filterDirectory,
  joinTopics,
  matchesWords,
  placeWords,
  queryWords,
  splitTopics,
} from './directory.js';

function row(overrides: Partial<DirectoryRow>): DirectoryRow {
  return {
    slug: 'fobieen-en-angst',
    name: 'Fobieën en angst',
    description: 'Paniek, angst en fobieën.',
    kind: 'open',
    audience: 'peers',
    locale: 'nl',
    memberCount: 0,
    category: 'psychological',
    topics: 'paniekaanval, anxiety',
    pairedGroup: null,
    ...overrides,
  };
}

describe('the directory search', () => {
  it('finds a group by any part of a word, whatever the case or accents', () => {
    const haystack = 'Fobieën en angst paniekaanval';
    for (const query of ['angst', 'fobie', 'FOBIEËN', 'fobieen', 'aanval', 'Fobieën angst']) {
      expect(matchesWords(queryWords(query), haystack)).toBe(true);
    }
    expect(matchesWords(queryWords('angst rouw'), haystack)).toBe(false);
  });

  it('reads no words from an empty or punctuation-only query, so it lists every group', () => {
    expect(queryWords(undefined)).toEqual([]);
    expect(queryWords('  ,.-  ')).toEqual([]);
    expect(filterDirectory([row({})], { q: ' ' })).toHaveLength(1);
  });

  it('applies the filters together with the words, and returns topics as a list', () => {
    const rows = [
      row({}),
      row({ slug: 'anxiety', name: 'Anxiety and panic', description: 'Panic attacks.', locale: 'en', topics: 'angst' }),
      row({ slug: 'family', name: 'Familie', description: 'Naasten.', audience: 'relatives', category: 'relatives' }),
    ];
    expect(filterDirectory(rows, { q: 'angst' }).map((entry) => entry.slug)).toEqual(['fobieen-en-angst', 'anxiety']);
    expect(filterDirectory(rows, { q: 'angst', language: 'en' }).map((entry) => entry.slug)).toEqual(['anxiety']);
    expect(filterDirectory(rows, { audience: 'relatives' }).map((entry) => entry.slug)).toEqual(['family']);
    expect(filterDirectory(rows, { category: 'addiction' })).toEqual([]);
    expect(filterDirectory(rows, { language: 'en' })[0].topics).toEqual(['angst']);
  });

  it('stores topic words once each, without commas inside a word', () => {
    expect(joinTopics(['angst', ' paniek ', 'angst', '', 'a,b'])).toBe('angst, paniek, a b');
    expect(splitTopics('angst, paniek, a b')).toEqual(['angst', 'paniek', 'a b']);
    expect(splitTopics('')).toEqual([]);
  });
});

describe('a search by region', () => {
  it('drops "near" phrases, so "in de buurt van Gent" searches for Gent', () => {
    for (const query of [
      'Gent',
      'in de buurt van Gent',
      'In de omgeving van Gent',
      'regio Gent',
      'near Gent',
      'in Gent',
    ]) {
      expect({ query, words: queryWords(query) }).toEqual({ query, words: ['gent'] });
    }
    expect(queryWords('angst in de buurt van Sint-Niklaas')).toEqual(['angst', 'sint', 'niklaas']);
    expect(queryWords('Leven in balans')).toEqual(['leven', 'balans']);
    expect(queryWords('rouw near The Hague')).toEqual(['rouw', 'the hague']);
  });

  it('finds a place from the start of a word, under its exonyms too', () => {
    for (const query of ['Gent', 'near Ghent', 'in de buurt van Gand']) {
      expect(matchesWords(queryWords(query), 'Ouders Gent-Zuid')).toBe(true);
      // "gent" is inside "intelligente", at the start of no word.
      expect(matchesWords(queryWords(query), 'Hoogbegaafd en intelligente kinderen Antwerpen')).toBe(false);
    }
    expect(matchesWords(queryWords('Antwerp'), 'Antwerpen')).toBe(true);
    expect(matchesWords(queryWords('The Hague'), "Rouw 's-Gravenhage")).toBe(true);
    expect(matchesWords(queryWords('bij Den Haag'), 'Rouw Den Haag')).toBe(true);
    expect(matchesWords(queryWords('Louvain'), 'Leuven')).toBe(true);
    expect(matchesWords(queryWords('Liège'), 'Luik')).toBe(true);
  });

  it("finds other words inside a word (Dutch compounds) while a place stays at a word's start", () => {
    expect(matchesWords(queryWords('aanval'), 'paniekaanval')).toBe(true);
    expect(matchesWords(queryWords('angst'), 'Faalangstgroep')).toBe(true);
    const gent = 'Faalangstgroep Gent-Zuid Faalangst bij jongeren';
    const antwerpen = 'Faalangstgroep Antwerpen Faalangst bij intelligente jongeren';
    for (const query of ['angst in de buurt van Gent', 'angst near Ghent', 'Gent angst']) {
      expect(matchesWords(queryWords(query), gent)).toBe(true);
      expect(matchesWords(queryWords(query), antwerpen)).toBe(false);
    }
    // A place's name counts from a word's start only: "Gentbrugge" is part of Gent, "Agentschap" is not.
    expect(matchesWords(queryWords('gent'), 'Gent')).toBe(true);
    expect(matchesWords(queryWords('gent'), 'Sint-Amandsberg (Gentbrugge)')).toBe(true);
    expect(matchesWords(queryWords('gent'), 'Meulestede gent')).toBe(true);
    expect(matchesWords(queryWords('gent'), 'Agentschap')).toBe(false);
  });

  it("treats every municipality an offline list names as a place: from a word's start only", () => {
    const places = placeWords(['Lier', 'Mol', 'As', 'Hamme', 'Mechelen', 'Sint-Jans-Molenbeek']);
    const atelier = 'Creatief atelier voor rouw Mechelen';
    expect(matchesWords(queryWords('in de buurt van Lier'), atelier, places)).toBe(false);
    expect(matchesWords(queryWords('in de buurt van Lier'), 'Rouwgroep Lier', places)).toBe(true);
    expect(matchesWords(queryWords('As'), 'Praatgroep Hasselt', places)).toBe(false);
    expect(matchesWords(queryWords('As'), 'Praatgroep As', places)).toBe(true);
    expect(matchesWords(queryWords('mol'), 'Lotgenoten Sint-Jans-Molenbeek', places)).toBe(true);
    // Words that name no place keep matching inside compounds.
    expect(matchesWords(queryWords('rouw'), atelier, places)).toBe(true);
    expect(matchesWords(queryWords('angst Mechelen'), 'Faalangstgroep Mechelen', places)).toBe(true);
  });
});
