import { describe, expect, it } from '@jest/globals';
import { CRISIS_LINES } from './crisis-lines.js';
import { CRISIS_PHRASES } from './crisis-phrases.js';
import { findIdentifyingDetails } from './privacy-guard.js';
import { containsPhrase, foldText, matchingPhrases } from './text-matching.js';

const signalsCrisis = (text: string) => matchingPhrases(text, CRISIS_PHRASES).length > 0;

describe('crisis language', () => {
  it.each([
    'Ik wil niet meer leven.',
    'IK WIL NIET MEER LEVEN',
    'ik wil er een einde aan maken, echt',
    'Eerlijk gezegd wil ik niet meer leven.',
    'Soms wil ik er niet meer zijn',
    'Soms denk ik aan zelfmoord.',
    'Ik heb al weken zelfmoordgedachten',
    'ik voel me suïcidaal vandaag',
    'ik voel me suicidaal vandaag',
    'Ik heb mezelf weer snijden... ik snij mezelf als het te veel wordt',
    'Niemand zal me missen',
    'I want to kill myself',
    'i WANT TO DIE',
    "I don't want to live anymore",
    'I have been cutting myself again',
    'thinking about ending my life',
    'Everyone would be better off without me.',
  ])('triggers on %p', (text) => {
    expect(signalsCrisis(text)).toBe(true);
  });

  it.each([
    'ik ben doodmoe',
    'Ik ga dood van de zenuwen voor dat examen',
    'this exam is killing me',
    'I could die of embarrassment',
    'She is a skilled nurse',
    'My cat killed a mouse',
    'Ik heb het boek over zelfzorg gelezen',
    'Wat een mooie dag, ik leef weer een beetje',
  ])('stays quiet on everyday %p', (text) => {
    expect(signalsCrisis(text)).toBe(false);
  });
});

describe('watched-word matching', () => {
  it('ignores case and accents and matches whole words only', () => {
    expect(foldText('Héél  VERDRIETIG!')).toBe('heel verdrietig');
    expect(containsPhrase(foldText('He was killed'), 'killed')).toBe(true);
    expect(containsPhrase(foldText('He is skilled'), 'killed')).toBe(false);
    expect(containsPhrase(foldText('Ik heb ZELFMOORDGEDACHTEN'), 'zelfmoord*')).toBe(true);
    expect(containsPhrase(foldText('een café'), 'cafe')).toBe(true);
  });
});

describe('crisis lines', () => {
  it('pins the numbers people are told to call', () => {
    const phones = (locale: 'nl' | 'en') => CRISIS_LINES[locale].lines.map((line) => line.phone);
    for (const locale of ['nl', 'en'] as const) {
      expect(phones(locale)).toEqual(expect.arrayContaining(['1813', '0800 32 123', '112']));
      expect(phones(locale).some((phone) => phone?.includes('113') && phone.includes('0800-0113'))).toBe(true);
      expect(CRISIS_LINES[locale].lines.some((line) => line.web === 'https://www.zelfmoord1813.be')).toBe(true);
    }
  });
});

describe('privacy guard', () => {
  it.each([
    ['mail me op jan.peeters@gmail.com', 'email'],
    ['bel me: 0475 12 34 56', 'phone'],
    ['mijn nummer is +32 475 123 456', 'phone'],
    ['ik woon in de Kerkstraat 12 in Gent', 'address'],
    ['I live at 221 Baker Street', 'address'],
    ['we wonen aan de Stationsweg 3', 'address'],
    ['12 Mill Rd', 'address'],
  ])('finds identifying details in %p', (text, kind) => {
    expect(findIdentifyingDetails(text)).toContain(kind);
  });

  it.each([
    'bel 1813 als het niet gaat',
    'of 0800-0113',
    'ik ben 45 jaar en heb 2 kinderen',
    'het was 2019',
    'Antwoord 3',
    'het is het ergst 2 uur na het opstaan',
    'ik ben weg 3 dagen',
  ])('lets %p through', (text) => {
    expect(findIdentifyingDetails(text)).toEqual([]);
  });
});
