import { performance } from 'node:perf_hooks';
import { detectCrisis, signalsDistress } from '../contracts/crisis-detector.js';
import {
  ALERT_CATEGORIES,
  CORPUS_LANGUAGES,
  evaluateCorpus,
  evaluateStrata,
  HELD_OUT_BATCHES,
  HELP_SHOWN_MIN,
  HELP_SHOWN_NEUTRAL_MAX,
  readCrisisCorpus,
  readHeldOutBatch,
  type CorpusLine,
  type Evaluation,
} from './crisis-corpus.js';

/** A report for the terminal (a command-line tool, not the server: no logger). */
function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

/**
 * `npm run crisis:eval`: the crisis detector against the labelled corpus, then against the blind
 * held-out batch, in two separate tables. Prints recall (suicidal, self-harm: raised an alert), the
 * false-alarm rate (mention, hyperbole, neutral: raised one), the time per message, and the time for
 * long repetitive texts (the linear-time guarantee, reported here rather than asserted in a test);
 * exits with 1 when an in-sample threshold that crisis-corpus.spec.ts holds is missed (the held-out
 * floors are held by crisis-heldout.spec.ts).
 *
 * Beside the alerts, "private help shown": how often the broad distress tier (`signalsDistress`)
 * shows the writer the crisis lines beside the box, alerting nobody. Its targets, on the corpus and
 * batches 1–6 over all languages, are held by crisis-distress.spec.ts and printed after each table.
 */
const RECALL_MIN = 0.97;

const HYPERBOLE_FALSE_ALARMS_MAX = 0.03;
const MENTION_FALSE_ALARMS_MAX = 0.05;

/** Best of five timed rounds (the machine may be busy), after a warm-up over the whole corpus. */
function microsecondsPerMessage(lines: readonly CorpusLine[]): number {
  const texts = lines.map((line) => line.text);
  const rounds = 100;
  let best = Infinity;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const started = performance.now();
    for (let round = 0; round < rounds; round += 1) {
      for (const text of texts) {
        detectCrisis(text);
      }
    }
    best = Math.min(best, ((performance.now() - started) * 1000) / (rounds * texts.length));
  }
  return best;
}

const percent = (value: number | null) => (value === null ? '' : `${(value * 100).toFixed(1)}%`);

/** The distress tier's targets over all languages: help on crisis lines, little on everyday ones. */
function helpTargets({ rows }: Evaluation): string {
  const all = rows.filter((row) => row.language === 'all' && row.count > 0);
  const missed = all.filter((row) =>
    ALERT_CATEGORIES.includes(row.category)
      ? row.helpShown / row.count < HELP_SHOWN_MIN
      : row.category === 'neutral' && row.helpShown / row.count > HELP_SHOWN_NEUTRAL_MAX,
  );
  const figures = all.map((row) => `${row.category} ${row.helpShown}/${row.count}`).join(', ');
  return (
    `Private help shown (all languages): ${figures}. Targets ≥ ${HELP_SHOWN_MIN * 100}% suicidal and self_harm, ` +
    `≤ ${HELP_SHOWN_NEUTRAL_MAX * 100}% neutral: ${missed.length === 0 ? 'met' : `MISSED in ${missed.map((row) => row.category).join(', ')}`}`
  );
}

function printTable(title: string, lines: readonly CorpusLine[], evaluation: Evaluation): void {
  const { rows, wrong } = evaluation;
  for (let round = 0; round < 50; round += 1) {
    lines.forEach((line) => detectCrisis(line.text));
  }
  const timing = new Map<string, number>([
    ...CORPUS_LANGUAGES.map((language): [string, number] => [
      language,
      microsecondsPerMessage(lines.filter((line) => line.language === language)),
    ]),
    ['all', microsecondsPerMessage(lines)],
  ]);
  const header = [
    'language',
    'category',
    'count',
    'alerts',
    'recall',
    'false alarms',
    'exact category',
    'private help shown',
    'µs/message',
  ];
  const table = rows.map((row) => [
    row.language,
    row.category,
    String(row.count),
    String(row.alerts),
    percent(row.recall),
    percent(row.falseAlarmRate),
    `${row.exact}/${row.count}`,
    `${row.helpShown} (${percent(row.count === 0 ? 0 : row.helpShown / row.count)})`,
    (timing.get(row.language) ?? 0).toFixed(1),
  ]);
  const widths = header.map((heading, column) =>
    Math.max(heading.length, ...table.map((cells) => cells[column].length)),
  );
  const format = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  say(`\n${title}\n`);
  say(format(header));
  say(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  table.forEach((cells) => say(format(cells)));
  if (wrong.length > 0) {
    say(`\nLines with a missed or a false alert (${wrong.length}):`);
    for (const { line, detected } of wrong) {
      say(`  line ${line.line} ${line.language} ${line.category} → ${detected ?? 'nothing'}: ${line.text}`);
    }
  }
  say(`\n${helpTargets(evaluation)}`);
  const strata = evaluateStrata(lines);
  if (strata.length > 0) {
    say('\nBy stratum (all languages; explicit: said outright, indirect: a warning sign):');
    for (const row of strata) {
      say(
        `  ${row.category} ${row.stratum}: alerts ${row.alerts}/${row.count} (${percent(row.alerts / row.count)}), ` +
          `private help ${row.helpShown}/${row.count}`,
      );
    }
  }
}

const corpus = readCrisisCorpus();
const inSample = evaluateCorpus(corpus);
printTable(
  `IN-SAMPLE: crisis detector on ${corpus.length} corpus lines (src/safety/crisis-corpus.tsv; the rules were tuned on these)`,
  corpus,
  inSample,
);

const failures = inSample.rows.filter(
  (row) =>
    row.language !== 'all' &&
    row.count > 0 &&
    ((row.recall !== null && row.recall < RECALL_MIN) ||
      (row.category === 'hyperbole' && (row.falseAlarmRate ?? 0) > HYPERBOLE_FALSE_ALARMS_MAX) ||
      (row.category === 'mention' && (row.falseAlarmRate ?? 0) > MENTION_FALSE_ALARMS_MAX)),
);
say(
  `\nIn-sample thresholds per language: recall ≥ ${RECALL_MIN * 100}% (suicidal, self_harm); false alarms ≤ ` +
    `${HYPERBOLE_FALSE_ALARMS_MAX * 100}% (hyperbole), ≤ ${MENTION_FALSE_ALARMS_MAX * 100}% (mention): ` +
    (failures.length === 0
      ? 'met'
      : `MISSED in ${failures.map((row) => `${row.language}/${row.category}`).join(', ')}`),
);

for (const batch of HELD_OUT_BATCHES) {
  const heldOut = readHeldOutBatch(batch.file);
  printTable(
    `HELD-OUT (${batch.label}): crisis detector on ${heldOut.length} lines (src/safety/${batch.file}; ` +
      'not in the corpus above; its label says how far it is still untuned)',
    heldOut,
    evaluateCorpus(heldOut),
  );
}

// Long texts: the detector must stay linear whatever a text repeats (a post is at most 20,000 characters).
say('\nLong texts (100,000 and 400,000 characters, best of three):');
for (const piece of ['vroeger sneed ik mezelf ', 'geen zelfmoord mijn broer wil dood ', 'mijn broer wil dood. ']) {
  const cells = [100_000, 400_000].map((size) => {
    const text = piece.repeat(Math.ceil(size / piece.length));
    const bestOfThree = (read: (text: string) => unknown) => {
      let best = Infinity;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const started = performance.now();
        read(text);
        best = Math.min(best, performance.now() - started);
      }
      return best.toFixed(1);
    };
    return `${size.toLocaleString('en')} chars ${bestOfThree(detectCrisis)} ms (distress tier ${bestOfThree(signalsDistress)} ms)`;
  });
  say(`  ${JSON.stringify(piece)} repeated: ${cells.join(', ')}`);
}

if (failures.length > 0) {
  process.exitCode = 1;
}
