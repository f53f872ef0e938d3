import { describe, expect, it } from '@jest/globals';
import { detectCrisis, isCrisisAlert } from '../contracts/crisis-detector.js';

/**
 * The explicit statements the issue names ("ik denk aan zelfdoding", "Soms wil ik gewoon dood zijn"),
 * as whole families rather than lines: every subject × wish × way of saying it below must alert. Blind
 * batch 8 found "Sometimes i just want to be dead" and "end my own life" missing, and a grid like this
 * one showed those were families, not single lines. Left out on purpose, because people say them as
 * hyperbole as often as not: "going to die", "need to stop living", "ermee stoppen".
 */
const ENGLISH = {
  subjects: ['i', 'i just', 'sometimes i', 'honestly i', 'i really', 'i still', 'im so tired i'],
  wishes: ['want to', 'wanna', 'just want to', 'really want to', 'want to just'],
  statements: [
    'die',
    'be dead',
    'end my life',
    'end my own life',
    'kill myself',
    'take my own life',
    'take my life',
    'commit suicide',
    'end it all',
    'end everything',
    'not be alive anymore',
    'not exist anymore',
    'unalive myself',
    'hurt myself',
    'cut myself',
    'hang myself',
  ],
};

const DUTCH = {
  openings: [
    'ik wil',
    'ik wil gewoon',
    'soms wil ik',
    'eigenlijk wil ik',
    'ik wil echt',
    'ik wou',
    'k wil',
    'ik wil nie meer, ik wil',
  ],
  statements: [
    'dood',
    'dood zijn',
    'doodgaan',
    'sterven',
    'er een eind aan maken',
    'er een einde aan maken',
    'mezelf van kant maken',
    'mezelf doden',
    'mezelf ombrengen',
    'mezelf dood maken',
    'zelfmoord plegen',
    'mij van het leven beroven',
    'me van het leven beroven',
    'er niet meer zijn',
    'niet meer leven',
    'mijn leven beeindigen',
    'een einde aan mijn leven maken',
    'mezelf snijden',
    'niet meer wakker worden',
    'me ophangen',
  ],
};

const englishLines = ENGLISH.subjects.flatMap((subject) =>
  ENGLISH.wishes.flatMap((wish) => ENGLISH.statements.map((statement) => `${subject} ${wish} ${statement}`)),
);
const dutchLines = DUTCH.openings.flatMap((opening) => DUTCH.statements.map((statement) => `${opening} ${statement}`));

describe('explicit statements of suicidal intent or self-harm, as families', () => {
  it.each([
    ['English', englishLines],
    ['Dutch', dutchLines],
  ])('alert on every %s form', (_language, lines) => {
    const missed = lines.filter((line) => !isCrisisAlert(detectCrisis(line)));
    expect(missed).toEqual([]);
  });
});
