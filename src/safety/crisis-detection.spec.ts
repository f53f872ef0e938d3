import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { countCrisisWork, detectCrisis, findCrisis, signalsCrisis } from '../contracts/crisis-detector.js';
import { CRISIS_LINES } from './crisis-lines.js';
import { findIdentifyingDetails } from './privacy-guard.js';
import { containsPhrase, foldText } from './text-matching.js';

describe('crisis detector', () => {
  it.each([
    // The words the services use, lemmas and compounds
    ['ik denk aan zelfdoding', 'suicidal'],
    ['Ik heb al weken zelfmoordgedachten', 'suicidal'],
    ['ik voel me suïcidaal vandaag', 'suicidal'],
    ['ik voel me suicidaal vandaag', 'suicidal'],
    ['thinking about suicide again', 'suicidal'],
    // Inflections and fronted verbs, words in between
    ['Ik wil er een eind aan maken', 'suicidal'],
    ['ik wou er een einde aan maken', 'suicidal'],
    ['Ik heb er vannacht bijna een einde aan gemaakt.', 'suicidal'],
    ['Soms wil ik gewoon dood zijn', 'suicidal'],
    ['Eerlijk gezegd wil ik niet meer leven.', 'suicidal'],
    ['eigenlijk wil ik er niet meer zijn', 'suicidal'],
    ['wil ik gewoon echt niet meer', 'suicidal'],
    ['Ik wilde gisteren echt dood.', 'suicidal'],
    // Phone spelling: no accents, typos, doubled letters, Flemish contractions
    ['ik denk aan zelfmord', 'suicidal'],
    ['ik denk aan zelfmoort', 'suicidal'],
    ['ik denk aan zelf moord', 'suicidal'],
    ['im thinking about suicde', 'suicidal'],
    ["'k wil nie meer leven", 'suicidal'],
    ['kwil dooood', 'suicidal'],
    ['kzie het nie meer zitten', 'suicidal'],
    // English contractions and casual forms
    ['i dont want to be here anymore', 'suicidal'],
    ["I'm going to kill myself", 'suicidal'],
    ['kms', 'suicidal'],
    ['i just wanna die', 'suicidal'],
    ['I want to end it all', 'suicidal'],
    ['Everyone would be better off without me.', 'suicidal'],
    // Self-harm
    ['ik snij mezelf als het te veel wordt', 'self_harm'],
    ['ik heb weer gekrast', 'self_harm'],
    ['Ik heb vannacht weer in mijn armen gesneden.', 'self_harm'],
    ['ik doe aan zelfbeschadiging', 'self_harm'],
    ['I have been cutting myself again', 'self_harm'],
    ['man, I just want to die', 'suicidal'],
    ['the urge to self-harm is so strong', 'self_harm'],
    ['i started cutting again after 6 months clean', 'self_harm'],
    // Warning-sign families read however they are phrased, with phone spellings
    ['ik weet niet hoe lang ik het nog volhoud', 'suicidal'],
    ['vaarwel allemaal', 'suicidal'],
    ['kheb mezelf gesnede', 'self_harm'],
    ['ik wil niemeer leven', 'suicidal'],
    ['im gonna off myself', 'suicidal'],
    ['ik heb expres te veel pillen genomen om niks te voelen', 'self_harm'],
    ['if one more person leaves me I will kill myself, I mean it', 'suicidal'],
  ])('reads %p as %s', (text, category) => {
    expect(detectCrisis(text)).toBe(category);
    expect(signalsCrisis(text)).toBe(true);
  });

  it.each([
    // Someone else, the past, a loss, a training or the news: a mention, never an alert
    'Mijn broer is overleden door zelfdoding.',
    'zijn zelfmoord vorig jaar heeft alles veranderd',
    'the suicide prevention training was helpful',
    'De Zelfmoordlijn 1813 is dag en nacht bereikbaar.',
    'Mijn vriendin zegt dat ze dood wil, wat moet ik doen?',
    'He said he did not want to live anymore.',
    'Vroeger dacht ik vaak aan zelfmoord, nu gaat het beter.',
    'I used to self harm, but I have been clean for years.',
    'Denk jij soms aan zelfdoding? Bel dan 1813.',
    'mijn dochter doet aan zelfverwonding',
    'mijn man zegt dat hij dood wil',
    'dat plan is politieke zelfmoord',
    'Vroeger sneed ik mezelf, nu al drie jaar niet meer.',
    'I used to cut myself, but I have been clean for four years.',
  ])('reads %p as a mention, which raises no alert', (text) => {
    expect(detectCrisis(text)).toBe('mention');
    expect(signalsCrisis(text)).toBe(false);
  });

  it.each([
    // Everyday hyperbole
    'ik ben doodmoe',
    'Dat filmpje was om dood te lachen.',
    'Ik ga dood van de zenuwen voor dat examen',
    'ik ga dood van de honger',
    'ik ben liever dood dan dat ik die trui aantrek',
    'this exam is killing me',
    'I could die of embarrassment',
    'I am just killing time',
    'She is drop dead gorgeous',
    "I'd rather die than sing karaoke",
    // Negation and neighbours of crisis phrases
    'Ik wil niet dood, ik wil gewoon dat iemand luistert.',
    "I'm not suicidal, just exhausted",
    'ik zou mezelf nooit iets aandoen',
    'ik wil niet meer roken',
    'Ik wil er niet meer over praten.',
    'ik zie het niet meer zitten met die verbouwing',
    'ik heb me gesneden aan een blikje',
    'I cut my finger while cooking',
    'I want to end this friendship',
    'She is a skilled nurse',
    'My cat killed a mouse',
    'Ik heb het boek over zelfzorg gelezen',
    // A goodbye with a return, a joke's set-up with a laugh, "of myself" (squeezed "off")
    'vaarwel allemaal, fijne vakantie en tot september',
    'als ik nog een keer die reclame hoor spring ik van het dak haha',
    "I'm proud of myself today",
    'mn laptop heeft zelfmoord gepleegd',
  ])('raises nothing for %p', (text) => {
    expect(signalsCrisis(text)).toBe(false);
    expect([null, 'mention']).toContain(detectCrisis(text));
  });

  it('takes the strongest finding of a text, clause by clause', () => {
    expect(detectCrisis('Mijn broer overleed door zelfdoding. Nu wil ik zelf ook dood.')).toBe('suicidal');
    expect(detectCrisis('I cut myself again, and honestly I want to die')).toBe('suicidal');
    expect(detectCrisis('')).toBeNull();
    expect(detectCrisis('Vandaag ging het beter, ik ben gaan wandelen.')).toBeNull();
  });

  it.each([
    'vroeger sneed ik mezelf ',
    'geen zelfmoord mijn broer wil dood ',
    'mijn broer wil dood. ',
    'zelfbeschadiging ',
    'mijn broer zegt zelfmoord ',
    'wil wil wil niet ',
    'mijn arm mijn arm ',
    'ik denk dat ik de zee in loop en niet terug ',
    'my will sorted my will ',
    'weer nieuwe littekens ',
    'take every pill in the box ',
    'vaarwel allemaal. ',
  ])(
    'does work linear in the length of a long text repeating %p (four times the text, at most eight times the steps)',
    (piece) => {
      // Counted steps, not wall-clock time: a quadratic path would take sixteen times the steps.
      const work = (length: number) => countCrisisWork(piece.repeat(Math.ceil(length / piece.length)));
      const single = work(25_000);
      expect(single).toBeGreaterThan(0);
      expect(work(100_000)).toBeLessThanOrEqual(8 * single);
    },
  );

  it('answers any text, in any script, with a category or nothing, and never throws', () => {
    const pieces = fc.constantFrom(
      'ik',
      'wil',
      'niet',
      'meer',
      'dood',
      'zelfmoord',
      'mezelf',
      'kill',
      'myself',
      ',',
      '.',
      '',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.array(pieces).map((list) => list.join(' ')),
        ),
        (text) => {
          expect([null, 'suicidal', 'self_harm', 'mention']).toContain(detectCrisis(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads a crisis word standing alone (a content warning) with the rest of the text', () => {
    expect(detectCrisis('zelfdoding\n\nMijn broer overleed vorig jaar door zelfdoding.')).toBe('mention');
    expect(detectCrisis('CW: suicide. My dad died by suicide when I was ten.')).toBe('mention');
    expect(detectCrisis('zelfmoordgedachten\n\nIk heb ze weer, elke avond.')).toBe('suicidal');
    expect(detectCrisis('Zelfmoordgedachten...')).toBe('suicidal');
  });

  it('names the rule that decided, never the text', () => {
    expect(findCrisis('Soms wil ik gewoon dood zijn')).toEqual({ category: 'suicidal', rule: 'nl.wil-dood' });
    expect(findCrisis('ik ga dood van de honger')).toBeNull();
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
