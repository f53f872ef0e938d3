import { describe, expect, it } from '@jest/globals';
import { countDistressWork, signalsCrisis, signalsDistress } from '../contracts/crisis-detector.js';
import {
  ALERT_CATEGORIES,
  CORPUS_LANGUAGES,
  evaluateCorpus,
  HELD_OUT_BATCHES,
  HELP_SHOWN_MIN,
  HELP_SHOWN_NEUTRAL_MAX,
  readCrisisCorpus,
  readHeldOutBatch,
  type Evaluation,
} from './crisis-corpus.js';

/**
 * The distress tier (`signalsDistress`): the crisis lines shown privately beside the box, alerting
 * nobody, so it is broad on purpose. Held here: help on at least 95% of the crisis lines and at most
 * 25% of the neutral ones, on the corpus (per language) and on batches 1–6 (all languages); batch 7 is
 * the blind measurement and is not read here. Figures when written (corpus): suicidal 416/417,
 * self-harm 175/175, neutral 62/311 (nl-BE 14/81, nl-NL 19/97, en 29/133), hyperbole 107/135 and
 * mention 100/149 (help for a bereaved member is fine).
 */
function share(evaluation: Evaluation, language: string, category: string): number {
  const row = evaluation.rows.find((candidate) => candidate.language === language && candidate.category === category);
  if (!row || row.count === 0) {
    throw new Error(`no lines for ${language}/${category}`);
  }
  return row.helpShown / row.count;
}

describe('distress tier on the corpus', () => {
  const corpus = readCrisisCorpus();
  const evaluation = evaluateCorpus(corpus);

  it.each(CORPUS_LANGUAGES.flatMap((language) => ALERT_CATEGORIES.map((category) => [language, category])))(
    'shows help on at least 95%% of %s %s lines',
    (language, category) => {
      expect(share(evaluation, language, category)).toBeGreaterThanOrEqual(HELP_SHOWN_MIN);
    },
  );

  it.each(CORPUS_LANGUAGES)('shows help on at most 25%% of %s neutral lines', (language) => {
    expect(share(evaluation, language, 'neutral')).toBeLessThanOrEqual(HELP_SHOWN_NEUTRAL_MAX);
  });

  it('shows help wherever the alert tier alerts', () => {
    const alertedWithoutHelp = corpus.filter((line) => signalsCrisis(line.text) && !signalsDistress(line.text));
    expect(alertedWithoutHelp.map((line) => line.line)).toEqual([]);
  });
});

describe('distress tier on held-out batches 1–6', () => {
  // Batches 7–9 were never used to shape the distress tier: their floors are in crisis-heldout.spec.ts.
  const untunedForDistress: readonly string[] = [
    'crisis-heldout-7.tsv',
    'crisis-heldout-8.tsv',
    'crisis-heldout-9.tsv',
  ];
  const batches = HELD_OUT_BATCHES.filter((batch) => !untunedForDistress.includes(batch.file));

  it.each(batches)('$file: help on at least 95% of crisis lines, at most 25% of neutral ones', ({ file }) => {
    const evaluation = evaluateCorpus(readHeldOutBatch(file));
    expect(share(evaluation, 'all', 'suicidal')).toBeGreaterThanOrEqual(HELP_SHOWN_MIN);
    expect(share(evaluation, 'all', 'self_harm')).toBeGreaterThanOrEqual(HELP_SHOWN_MIN);
    const neutral = evaluation.rows.find((row) => row.language === 'all' && row.category === 'neutral');
    expect(neutral && neutral.count > 0 ? neutral.helpShown / neutral.count : 0).toBeLessThanOrEqual(
      HELP_SHOWN_NEUTRAL_MAX,
    );
  });
});

describe('signalsDistress', () => {
  it.each([
    'ik heb alles geregeld, mijn kat zit bij de buren',
    'Ik zie het echt niet meer zitten',
    'i just want to disappear, everyone would be better off',
    'heb nog een doos pillen liggen, ik spaar ze op',
    'mijn armen staan vol littekens en gisteren weer bloed',
    'I feel like such a burden, nothing will ever change',
    'tbh i hope i dont wake up tmrw',
    'de stemmen in mijn hoofd zeggen dat ik het verdien',
  ])('shows help: %s', (text) => {
    expect(signalsDistress(text)).toBe(true);
  });

  it('shows help without an alert for a quiet sign the alert rules leave alone', () => {
    const text = 'ik heb alles geregeld, mijn kat zit bij de buren';
    expect([signalsCrisis(text), signalsDistress(text)]).toEqual([false, true]);
  });

  it.each([
    'Wie komt er donderdag naar de groepssessie?',
    'Vandaag was een goede dag, ik ben gaan fietsen.',
    'I cut my hair short and I love it.',
    'ik heb me gesneden bij het koken, stom',
    'thanks for the advice about the breathing exercises',
    'mijn zus heeft een nieuwe job gevonden',
  ])('stays quiet on everyday talk: %s', (text) => {
    expect(signalsDistress(text)).toBe(false);
  });

  it.each(['vroeger sneed ik mezelf ', 'kan niet meer kan niet meer ', 'a ', 'mijn wil mijn wil '])(
    'does work linear in the length of a long text repeating %p (four times the text, at most eight times the steps)',
    (piece) => {
      // Counted steps, not wall-clock time: a quadratic path would take sixteen times the steps.
      const work = (length: number) => countDistressWork(piece.repeat(Math.ceil(length / piece.length)));
      const single = work(100_000);
      expect(single).toBeGreaterThan(0);
      expect(work(400_000)).toBeLessThanOrEqual(8 * single);
    },
  );
});
