import { describe, expect, it } from '@jest/globals';
import {
  CORPUS_LANGUAGES,
  evaluateCorpus,
  evaluateStrata,
  readHeldOutBatch,
  type CorpusStratum,
  type HeldOutFile,
} from './crisis-corpus.js';

/**
 * Floors on the held-out batches (never folded into the corpus), set at what the detector reaches,
 * rounded down, so a change of the rules cannot quietly lose what generalises. These are floors, not
 * targets. Every batch here has since been used to widen the rules (each title says how far it got
 * untuned), so none of them is a blind figure any more: only a batch written after the last rule
 * change, and not read while changing them, measures unseen phrasing.
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

type Row = ReturnType<typeof rowsOf>;
type Minimums = Record<'suicidal' | 'self_harm' | 'hyperbole' | 'mention', number>;

/** The test that a batch still holds enough lines of each kind in every language to mean something. */
function holdsLinesPerLanguage(row: Row, minimums: Minimums): void {
  const wanted = Object.entries(minimums)
    .map(([category, count]) => `${count} ${category}`)
    .join(', ');
  it.each(CORPUS_LANGUAGES)(`holds at least ${wanted} lines in %s`, (language) => {
    for (const [category, count] of Object.entries(minimums)) {
      expect(row(language, category).count).toBeGreaterThanOrEqual(count);
    }
  });
}

/** The floors of a batch whose misses the rules were widened on: 95% recall per language, no false alarm. */
function holdsTunedFloors(row: Row): void {
  it.each(CORPUS_LANGUAGES)('alerts on at least 95%% of the suicidal and self-harm lines in %s', (language) => {
    expect(row(language, 'suicidal').recall).toBeGreaterThanOrEqual(0.95);
    expect(row(language, 'self_harm').recall).toBeGreaterThanOrEqual(0.95);
  });

  it('raises no false alarm on hyperbole or mentions, all languages together', () => {
    expect(row('all', 'hyperbole').alerts).toBe(0);
    expect(row('all', 'mention').alerts).toBe(0);
  });
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

  holdsLinesPerLanguage(row, { suicidal: 14, self_harm: 6, hyperbole: 6, mention: 4 });

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

describe('crisis held-out batch 4 (written blind; untuned it caught 68% suicidal, 72% self-harm, its misses then guided general rules)', () => {
  const row = rowsOf('crisis-heldout-4.tsv');

  holdsLinesPerLanguage(row, { suicidal: 24, self_harm: 13, hyperbole: 14, mention: 13 });

  holdsTunedFloors(row);
});

describe('crisis held-out batch 5 (written blind: untuned 36/72 suicidal, 22/39 self-harm; later used to widen the warning-sign families, so no longer a blind figure)', () => {
  const row = rowsOf('crisis-heldout-5.tsv');

  holdsLinesPerLanguage(row, { suicidal: 24, self_harm: 13, hyperbole: 14, mention: 13 });

  holdsTunedFloors(row);
});

describe('crisis held-out batch 6 (written blind: untuned 33/72 suicidal, 25/42 self-harm, 5/43 hyperbole false alarms; later used to widen the warning-sign families, so no longer a blind figure)', () => {
  const row = rowsOf('crisis-heldout-6.tsv');

  holdsLinesPerLanguage(row, { suicidal: 24, self_harm: 14, hyperbole: 14, mention: 14 });

  holdsTunedFloors(row);
});

describe('crisis held-out batch 7 (written blind from published warning signs while batches 5–6 were used for tuning; never used for tuning)', () => {
  const row = rowsOf('crisis-heldout-7.tsv');

  holdsLinesPerLanguage(row, { suicidal: 30, self_harm: 15, hyperbole: 15, mention: 15 });

  // Its first measurement, the honest figure for phrasing nobody here has seen: 40/90 suicidal,
  // 25/45 self-harm; 4/45 hyperbole and 6/45 mentions alerting. Floors only against losing that. One
  // more hyperbole line alerts since everyday words in another sentence no longer silence a crisis
  // ("I want to die. It's embarrassing to write this": crisis-incidental.spec.ts), a trade made for safety.
  // The private help (signalsDistress) was built without reading it: shown on 69/90 suicidal, 36/45
  // self-harm and 2/15 neutral lines at its first measurement.
  it('alerts on at least what it did when first measured, all languages together', () => {
    expect(row('all', 'suicidal').alerts).toBeGreaterThanOrEqual(40);
    expect(row('all', 'self_harm').alerts).toBeGreaterThanOrEqual(25);
  });

  it('raises no more false alarms on hyperbole and mentions than when first measured', () => {
    expect(row('all', 'hyperbole').alerts).toBeLessThanOrEqual(5);
    expect(row('all', 'mention').alerts).toBeLessThanOrEqual(6);
  });

  it('shows the private help on at least what it did when first measured', () => {
    expect(row('all', 'suicidal').helpShown).toBeGreaterThanOrEqual(69);
    expect(row('all', 'self_harm').helpShown).toBeGreaterThanOrEqual(36);
  });
});

/** Alerts per category and stratum of a batch with strata, all languages together. */
function strataOf(file: HeldOutFile) {
  const rows = evaluateStrata(readHeldOutBatch(file));
  return (category: 'suicidal' | 'self_harm', stratum: CorpusStratum) => {
    const found = rows.find((row) => row.category === category && row.stratum === stratum);
    if (!found) {
      throw new Error(`no ${category}/${stratum} lines in ${file}`);
    }
    return found;
  };
}

describe('crisis held-out batch 8 (written blind in strata: untuned explicit 41/45 suicidal, 24/24 self-harm; its explicit misses guided general rules)', () => {
  const row = rowsOf('crisis-heldout-8.tsv');
  const stratum = strataOf('crisis-heldout-8.tsv');

  holdsLinesPerLanguage(row, { suicidal: 30, self_harm: 15, hyperbole: 15, mention: 15 });

  it('alerts on at least 95% of the lines that say it outright, all languages together', () => {
    expect(stratum('suicidal', 'explicit').alerts / stratum('suicidal', 'explicit').count).toBeGreaterThanOrEqual(0.95);
    expect(stratum('self_harm', 'explicit').alerts / stratum('self_harm', 'explicit').count).toBeGreaterThanOrEqual(
      0.95,
    );
  });

  it('alerts on the warning signs and stays quiet on everyday lines at least as it did when first measured', () => {
    expect(stratum('suicidal', 'indirect').alerts).toBeGreaterThanOrEqual(20);
    expect(stratum('self_harm', 'indirect').alerts).toBeGreaterThanOrEqual(3);
    expect(row('all', 'hyperbole').alerts).toBeLessThanOrEqual(2);
    expect(row('all', 'mention').alerts).toBeLessThanOrEqual(3);
  });
});

describe('crisis held-out batch 9 (written blind in strata, measured once after the batch-8 rules: explicit 65/69, the figure to quote)', () => {
  const row = rowsOf('crisis-heldout-9.tsv');
  const stratum = strataOf('crisis-heldout-9.tsv');

  holdsLinesPerLanguage(row, { suicidal: 30, self_harm: 15, hyperbole: 15, mention: 15 });

  // First measurement: explicit 43/45 suicidal and 22/24 self-harm, indirect 22/45 and 3/21, 1/45
  // hyperbole and 3/45 mentions alerting, private help on every explicit line. "mezelf dood (te)
  // maken" was added after it (one suicidal line more). Floors only against losing that.
  it('alerts on at least what it did when first measured on the lines that say it outright', () => {
    expect(stratum('suicidal', 'explicit').alerts).toBeGreaterThanOrEqual(43);
    expect(stratum('self_harm', 'explicit').alerts).toBeGreaterThanOrEqual(22);
  });

  it('shows the private help on every line that says it outright', () => {
    expect(stratum('suicidal', 'explicit').helpShown).toBe(stratum('suicidal', 'explicit').count);
    expect(stratum('self_harm', 'explicit').helpShown).toBe(stratum('self_harm', 'explicit').count);
  });

  it('alerts on the warning signs and stays quiet on everyday lines at least as it did when first measured', () => {
    expect(stratum('suicidal', 'indirect').alerts).toBeGreaterThanOrEqual(22);
    expect(stratum('self_harm', 'indirect').alerts).toBeGreaterThanOrEqual(3);
    expect(row('all', 'hyperbole').alerts).toBeLessThanOrEqual(1);
    expect(row('all', 'mention').alerts).toBeLessThanOrEqual(3);
  });
});
