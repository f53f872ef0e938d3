import { describe, expect, it } from '@jest/globals';
import { CORPUS_LANGUAGES, evaluateCorpus, readHeldOutBatch, type HeldOutFile } from './crisis-corpus.js';

/**
 * Floors on the held-out batches (never folded into the corpus), set at what the detector reaches,
 * rounded down, so a change of the rules cannot quietly lose what generalises. These are floors, not
 * targets: batch 2 shows how far a rule-based detector still is from catching unseen phrasing.
 */
function rowsOf(file: HeldOutFile) {
  const { rows } = evaluateCorpus(readHeldOutBatch(file));
  return (language: string, category: string) => {
    const found = rows.find((candidate) => candidate.language === language && candidate.category === category);
    if (!found) {
      throw new Error(`no row for ${language}/${category} in ${file}`);
    }
    return found;
  };
}

describe('crisis held-out batch 1 (written blind before reading the rules)', () => {
  const row = rowsOf('crisis-heldout.tsv');

  it.each(CORPUS_LANGUAGES)(
    'holds at least 20 suicidal, 9 self-harm and 8 hyperbole and mention lines in %s',
    (language) => {
      expect(row(language, 'suicidal').count).toBeGreaterThanOrEqual(20);
      expect(row(language, 'self_harm').count).toBeGreaterThanOrEqual(9);
      expect(row(language, 'hyperbole').count).toBeGreaterThanOrEqual(8);
      expect(row(language, 'mention').count).toBeGreaterThanOrEqual(8);
    },
  );

  it.each(CORPUS_LANGUAGES)('alerts on at least 95%% of suicidal and of self-harm lines in %s', (language) => {
    expect(row(language, 'suicidal').recall).toBeGreaterThanOrEqual(0.95);
    expect(row(language, 'self_harm').recall).toBeGreaterThanOrEqual(0.95);
  });

  it.each(CORPUS_LANGUAGES)('raises at most 3%% false alarms on hyperbole and 5%% on mentions in %s', (language) => {
    expect(row(language, 'hyperbole').falseAlarmRate).toBeLessThanOrEqual(0.03);
    expect(row(language, 'mention').falseAlarmRate).toBeLessThanOrEqual(0.05);
  });
});

describe('crisis held-out batch 2 (written after the first rule changes)', () => {
  const row = rowsOf('crisis-heldout-2.tsv');

  it('alerts on at least 90% of the suicidal lines and 90% of the self-harm lines, all languages together', () => {
    expect(row('all', 'suicidal').recall).toBeGreaterThanOrEqual(0.9);
    expect(row('all', 'self_harm').recall).toBeGreaterThanOrEqual(0.9);
  });

  it.each(CORPUS_LANGUAGES)('alerts on at least half of the suicidal lines in %s', (language) => {
    expect(row(language, 'suicidal').recall).toBeGreaterThanOrEqual(0.5);
  });

  it('raises no false alarm on hyperbole or mentions, all languages together', () => {
    expect(row('all', 'hyperbole').alerts).toBe(0);
    expect(row('all', 'mention').alerts).toBe(0);
  });
});

describe('crisis held-out batch 3 (written blind; untuned it caught 55.8% suicidal, 66.7% self-harm)', () => {
  const row = rowsOf('crisis-heldout-3.tsv');

  it.each(CORPUS_LANGUAGES)(
    'holds at least 14 suicidal, 6 self-harm, 6 hyperbole and 4 mention lines in %s',
    (language) => {
      expect(row(language, 'suicidal').count).toBeGreaterThanOrEqual(14);
      expect(row(language, 'self_harm').count).toBeGreaterThanOrEqual(6);
      expect(row(language, 'hyperbole').count).toBeGreaterThanOrEqual(6);
      expect(row(language, 'mention').count).toBeGreaterThanOrEqual(4);
    },
  );

  it('alerts on at least 90% of the suicidal lines and 95% of the self-harm lines, all languages together', () => {
    expect(row('all', 'suicidal').recall).toBeGreaterThanOrEqual(0.9);
    expect(row('all', 'self_harm').recall).toBeGreaterThanOrEqual(0.95);
  });

  it.each(CORPUS_LANGUAGES)('alerts on at least 85%% of the suicidal lines in %s', (language) => {
    expect(row(language, 'suicidal').recall).toBeGreaterThanOrEqual(0.85);
  });

  it('raises no false alarm on hyperbole or mentions, all languages together', () => {
    expect(row('all', 'hyperbole').alerts).toBe(0);
    expect(row('all', 'mention').alerts).toBe(0);
  });
});
