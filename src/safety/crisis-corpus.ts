import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectCrisis, isCrisisAlert, signalsDistress, type CrisisCategory } from '../contracts/crisis-detector.js';

/**
 * The labelled crisis corpus (crisis-corpus.tsv: language, expected category, text) and the figures
 * `npm run crisis:eval` prints and crisis-corpus.spec.ts holds. The corpus was written from what
 * crisis services publish about warning signs and how people phrase them, before the detector was
 * tuned on it; add lines, never bend them to the detector.
 */
export const CORPUS_LANGUAGES = ['nl-BE', 'nl-NL', 'en'] as const;
export type CorpusLanguage = (typeof CORPUS_LANGUAGES)[number];
export const CORPUS_CATEGORIES = ['suicidal', 'self_harm', 'mention', 'hyperbole', 'neutral'] as const;
export type CorpusCategory = (typeof CORPUS_CATEGORIES)[number];
/** Categories whose lines must raise an alert (recall); the others must not (false alarms). */
export const ALERT_CATEGORIES: readonly CorpusCategory[] = ['suicidal', 'self_harm'];
/**
 * The distress tier's targets on the corpus and batches 1–6, over all languages (crisis-distress.spec.ts):
 * private help shown on at least this share of suicidal and self-harm lines, at most this share of neutral ones.
 */
export const HELP_SHOWN_MIN = 0.95;
export const HELP_SHOWN_NEUTRAL_MAX = 0.25;

/**
 * From batch 8 on, a crisis line also says how it shows the risk: `explicit` (the writer says they
 * want to die or hurt themselves, in any wording: what the detector must catch) or `indirect` (a
 * warning sign: a goodbye, a plan, giving things away, a hidden wound).
 */
export const CORPUS_STRATA = ['explicit', 'indirect'] as const;
export type CorpusStratum = (typeof CORPUS_STRATA)[number];

export interface CorpusLine {
  /** Line number in the file (1 is the header). */
  line: number;
  language: CorpusLanguage;
  category: CorpusCategory;
  /** Only in files whose header has a `stratum` column, and only for suicidal and self_harm lines. */
  stratum?: CorpusStratum;
  text: string;
}

/** Found beside this module under src/, or from dist/src/safety/ back to src/safety/. */
function corpusPath(file = 'crisis-corpus.tsv'): string {
  const candidates = [`./${file}`, `../../../src/safety/${file}`].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(`crisis corpus not found (looked at ${candidates.join(', ')})`);
  }
  return found;
}

/**
 * Reads and checks the corpus ("language, category, text", or "language, category, stratum, text"
 * when the header names a stratum column); throws on a malformed line, naming it.
 */
export function readCrisisCorpus(path = corpusPath()): CorpusLine[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const withStratum = lines[0].split('\t')[2] === 'stratum';
  const shape = withStratum ? 'language<TAB>category<TAB>stratum<TAB>text' : 'language<TAB>category<TAB>text';
  const corpus: CorpusLine[] = [];
  lines.forEach((raw, index) => {
    if (index === 0 || raw.trim() === '') {
      return;
    }
    const fields = raw.split('\t');
    const [language, category] = fields;
    const stratum = withStratum ? fields[2] : undefined;
    const [text, ...rest] = fields.slice(withStratum ? 3 : 2);
    const alerting = (ALERT_CATEGORIES as readonly string[]).includes(category);
    if (
      rest.length > 0 ||
      !text ||
      !(CORPUS_LANGUAGES as readonly string[]).includes(language) ||
      !(CORPUS_CATEGORIES as readonly string[]).includes(category) ||
      (withStratum && (alerting ? !(CORPUS_STRATA as readonly string[]).includes(stratum ?? '') : stratum !== '-'))
    ) {
      throw new Error(`${path} line ${index + 1} is not "${shape}"`);
    }
    corpus.push({
      line: index + 1,
      language: language as CorpusLanguage,
      category: category as CorpusCategory,
      ...(alerting && stratum ? { stratum: stratum as CorpusStratum } : {}),
      text,
    });
  });
  return corpus;
}

export interface StratumRow {
  category: 'suicidal' | 'self_harm';
  stratum: CorpusStratum;
  count: number;
  alerts: number;
  helpShown: number;
}

/** Alerts and private help per stratum of the crisis lines (all languages), for batches that have strata. */
export function evaluateStrata(lines: readonly CorpusLine[]): StratumRow[] {
  const rows: StratumRow[] = [];
  for (const category of ['suicidal', 'self_harm'] as const) {
    for (const stratum of CORPUS_STRATA) {
      const these = lines.filter((line) => line.category === category && line.stratum === stratum);
      if (these.length === 0) {
        continue;
      }
      const alerts = these.filter((line) => isCrisisAlert(detectCrisis(line.text))).length;
      const helpShown = these.filter(
        (line) => isCrisisAlert(detectCrisis(line.text)) || signalsDistress(line.text),
      ).length;
      rows.push({ category, stratum, count: these.length, alerts, helpShown });
    }
  }
  return rows;
}

/**
 * Held-out batches (same columns), evaluated and printed apart, never folded into the corpus: they
 * measure how the detector generalises to phrasings it was not written from.
 * - batch 1 (crisis-heldout.tsv): written blind, before its writer read the rules or the corpus. Its
 *   first run showed which kinds of warning sign the rules lacked, and general rules were added for
 *   them, so its figure after that is partly in-sample.
 * - batch 2 (crisis-heldout-2.tsv): written after those rule changes and committed before it was
 *   first run. Untuned, its first run gave recall 26.7% (suicidal) and 58.3% (self-harm) over all
 *   languages, no false alarm on hyperbole, 1 of 9 mentions alerting: the honest figure for unseen
 *   phrasing. A few general rules were then added for the kinds it missed (hanging, never born, not
 *   to exist, "eruit stappen", carving), so its figure after that is partly in-sample too.
 * - batch 3 (crisis-heldout-3.tsv): written blind (its writer had seen only the header of batch 2,
 *   not the rules), over the families batch 2 still missed (means at hand, goodbyes, a plan and a
 *   date, stopping with life, no point going on, burden, self-harm relapse and blood) and hard
 *   negatives, committed before its first run. Untuned, its first run gave recall 55.8% (suicidal,
 *   24/43) and 66.7% (self-harm, 12/18), no false alarm. General rules for those families were then
 *   added (word classes and windows, not its lines), so its figure after that is partly in-sample.
 * - batch 4 (crisis-heldout-4.tsv): written blind by someone who never saw the rules. Untuned, its
 *   first run gave recall 68% (suicidal, 49/72) and 72% (self-harm, 28/39), 5/42 false alarms on
 *   hyperbole and 5/40 on mentions. Its misses were grouped into warning-sign families and the word
 *   classes and rules widened per family (with new corpus lines and hard negatives of their own), so
 *   its figure after that is in-sample.
 * - batch 5 (crisis-heldout-5.tsv): written blind alongside batch 4 and never used for tuning; run
 *   once after the batch-4 work, it measures how that work generalised. Untuned it gave 46% (33/72)
 *   and 46% (18/39); after the batch-4 work 49% (35/72) and 56% (22/39), 1/42 hyperbole and 2/39
 *   mentions alerting: rules widened from one batch's misses barely carry to unseen phrasing. One
 *   regression that run exposed (a broken "$" in a rule, now refused by the parser) was fixed after it.
 *   A trained layer (logistic regression on the corpus and batches 1–4) was then tried against it in
 *   three count-only runs and not shipped: it raised alerts on everyday lines ("Ik wil het even kwijt").
 * - batch 6 (crisis-heldout-6.tsv): written blind after the last rule change, never used for tuning.
 *   First run: 46% (33/72) suicidal, 60% (25/42) self-harm, 5/43 hyperbole and 2/42 mentions
 *   alerting. With batch 5 it is the figure to quote for phrasing nobody here has seen.
 * - batch 7 (crisis-heldout-7.tsv): written blind from published warning signs (113, 1813, Samaritans,
 *   988, NHS) while batches 5 and 6 were being used to widen the families, and measured once after:
 *   44% (40/90) suicidal, 56% (25/45) self-harm, 4/45 hyperbole and 6/45 mentions alerting. Tuning on
 *   two more batches left the figure for unseen phrasing where it was; it is the one to quote. The
 *   private help (signalsDistress, built without reading it) was shown on 69/90 suicidal and 36/45
 *   self-harm lines, and on 2/15 neutral ones.
 * - batch 8 (crisis-heldout-8.tsv) and batch 9 (crisis-heldout-9.tsv): written blind by two writers
 *   apart, with a stratum column: per language 15 explicit and 15 indirect suicidal lines, 8 explicit
 *   and 7 indirect self-harm lines (explicit: the writer says it, in any wording; indirect: a warning
 *   sign). Batch 8, first run: explicit 41/45 suicidal and 24/24 self-harm, indirect 20/45 and 3/21,
 *   2/45 hyperbole and 3/45 mentions alerting. Its explicit misses ("sometimes i just want to be dead",
 *   "end my own life", "mij van het leven beroven") were whole families missing, which a grid of
 *   explicit forms confirmed; rules for those families were added. Batch 9 was then measured once,
 *   the figure to quote: explicit 43/45 suicidal and 22/24 self-harm (65/69, 94%), indirect 22/45 and
 *   3/21, 1/45 hyperbole and 3/45 mentions alerting; private help on 69/69 explicit lines. One family
 *   it then showed missing ("mezelf dood (te) maken", also missed in batch 7) was added after.
 * Add a new batch rather than tuning on these lines.
 */
export const HELD_OUT_BATCHES = [
  {
    file: 'crisis-heldout.tsv',
    label: 'batch 1, written blind before reading the rules; its misses guided general rules',
  },
  {
    file: 'crisis-heldout-2.tsv',
    label: 'batch 2, written after the first rule changes; a few general rules later used its misses',
  },
  {
    file: 'crisis-heldout-3.tsv',
    label: 'batch 3, written blind and committed before its first run; its misses then guided general rules',
  },
  {
    file: 'crisis-heldout-4.tsv',
    label: 'batch 4, written blind; its misses then guided general rules',
  },
  {
    file: 'crisis-heldout-5.tsv',
    label:
      'batch 5, written blind (untuned 50% suicidal, 56% self-harm), later used to widen the warning-sign families',
  },
  {
    file: 'crisis-heldout-6.tsv',
    label:
      'batch 6, written blind (untuned 46% suicidal, 60% self-harm, 5/43 hyperbole false alarms), later used to widen the warning-sign families',
  },
  {
    file: 'crisis-heldout-7.tsv',
    label:
      'batch 7, written blind from published warning signs while batches 5–6 were used for tuning; never used for tuning',
  },
  {
    file: 'crisis-heldout-8.tsv',
    label:
      'batch 8, written blind in explicit and indirect strata (untuned explicit 65/69); its explicit misses guided general rules',
  },
  {
    file: 'crisis-heldout-9.tsv',
    label:
      'batch 9, written blind in explicit and indirect strata, measured once after the batch-8 rules (explicit 65/69, 94%); one family added after',
  },
] as const;
export type HeldOutFile = (typeof HELD_OUT_BATCHES)[number]['file'];

export function readHeldOutBatch(file: HeldOutFile): CorpusLine[] {
  return readCrisisCorpus(corpusPath(file));
}

export interface EvaluationRow {
  language: CorpusLanguage | 'all';
  category: CorpusCategory;
  count: number;
  /** Lines that raised an alert (suicidal or self-harm). */
  alerts: number;
  /** For suicidal and self_harm: alerts / count. Otherwise null. */
  recall: number | null;
  /** For mention, hyperbole and neutral: alerts / count. Otherwise null. */
  falseAlarmRate: number | null;
  /** Lines whose detected category is exactly the label (hyperbole and neutral: nothing detected). */
  exact: number;
  /** Lines for which the writer privately sees the crisis lines beside the box (`signalsDistress`; alerts nobody). */
  helpShown: number;
}

export interface Evaluation {
  rows: EvaluationRow[];
  /** The lines the detector got wrong in the way that matters (a missed alert or a false one). */
  wrong: { line: CorpusLine; detected: CrisisCategory | null }[];
}

function exactly(category: CorpusCategory, detected: CrisisCategory | null): boolean {
  return category === 'hyperbole' || category === 'neutral' ? detected === null : detected === category;
}

/** Recall and false alarms per language and category (and for all languages together). */
export function evaluateCorpus(
  corpus: readonly CorpusLine[],
  detect: (text: string) => CrisisCategory | null = detectCrisis,
  distress: (text: string) => boolean = signalsDistress,
): Evaluation {
  const rows: EvaluationRow[] = [];
  const wrong: Evaluation['wrong'] = [];
  const detected = corpus.map((line) => detect(line.text));
  const helped = corpus.map((line) => distress(line.text));
  corpus.forEach((line, index) => {
    const alert = isCrisisAlert(detected[index]);
    if (alert !== ALERT_CATEGORIES.includes(line.category)) {
      wrong.push({ line, detected: detected[index] });
    }
  });
  for (const language of [...CORPUS_LANGUAGES, 'all'] as const) {
    for (const category of CORPUS_CATEGORIES) {
      const indexes = corpus
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => (language === 'all' || line.language === language) && line.category === category)
        .map(({ index }) => index);
      const alerts = indexes.filter((index) => isCrisisAlert(detected[index])).length;
      const count = indexes.length;
      const rate = count === 0 ? 0 : alerts / count;
      const shouldAlert = ALERT_CATEGORIES.includes(category);
      rows.push({
        language,
        category,
        count,
        alerts,
        recall: shouldAlert ? rate : null,
        falseAlarmRate: shouldAlert ? null : rate,
        exact: indexes.filter((index) => exactly(category, detected[index])).length,
        helpShown: indexes.filter((index) => helped[index]).length,
      });
    }
  }
  return { rows, wrong };
}
