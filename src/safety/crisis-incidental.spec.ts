import { describe, expect, it } from '@jest/globals';
import { findCrisis, signalsDistress } from '../contracts/crisis-detector.js';
import { ALERT_CATEGORIES, readCrisisCorpus } from './crisis-corpus.js';

/**
 * A word that makes one clause everyday (an awkward moment, a prescription, a kitchen, a door) must
 * not silence a crisis said in another: people write how disclosing feels, their pain or their day
 * beside what they disclose. (An accident named anywhere still reads a wound as the accident's: "did it
 * myself … I was in the kitchen".) Every corpus line that alerts keeps its alert, and its private help, with
 * one of these sentences after it.
 */
const INCIDENTAL = [
  "It's embarrassing to even write this.",
  'Het is beschamend om dit hier te schrijven.',
  'Ik vind het ongemakkelijk om dit te zeggen.',
  'My life is boring and pointless.',
  'Mijn leven is saai en zinloos.',
  'The pain is too much.',
  'Ik heb zoveel pijn.',
  'Every day is the same.',
  'Elke dag is hetzelfde.',
  'Het komt allemaal door de stress.',
  "I don't know who else to tell.",
  'Sorry voor de lange tekst.',
];

describe('crisis detection beside an incidental sentence', () => {
  const alerting = readCrisisCorpus().filter(
    (line) => ALERT_CATEGORIES.includes(line.category) && findCrisis(line.text) !== null,
  );

  it('has the corpus lines to try', () => {
    expect(alerting.length).toBeGreaterThan(400);
  });

  it.each(INCIDENTAL)('keeps every alert and its private help with "%s" after it', (sentence) => {
    const silenced = alerting
      .map((line) => `${line.text.replace(/[.!?]*$/, '')}. ${sentence}`)
      .filter(
        (text) => findCrisis(text)?.category === 'mention' || findCrisis(text) === null || !signalsDistress(text),
      );
    expect(silenced).toEqual([]);
  });

  it.each([
    ['Ik heb mezelf weer gesneden door de stress', 'self_harm'],
    ['I want to die. It’s embarrassing to even write this here.', 'suicidal'],
    ['Ik wil dood. Mijn leven is saai en zinloos.', 'suicidal'],
    ['I have all my pills in front of me. The pain is too much.', 'suicidal'],
    ['Alle pillen liggen klaar. Ik heb zoveel pijn.', 'suicidal'],
  ])('alerts on "%s"', (text, category) => {
    expect(findCrisis(text)?.category).toBe(category);
  });
});
