import { performance } from 'node:perf_hooks';
import { detectCrisis } from '../contracts/crisis-detector.js';
import {
  CORPUS_LANGUAGES,
  evaluateCorpus,
  HELD_OUT_BATCHES,
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

function printTable(title: string, lines: readonly CorpusLine[], { rows, wrong }: Evaluation): void {
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
  const header = ['language', 'category', 'count', 'alerts', 'recall', 'false alarms', 'exact category', 'µs/message'];
  const table = rows.map((row) => [
    row.language,
    row.category,
    String(row.count),
    String(row.alerts),
    percent(row.recall),
    percent(row.falseAlarmRate),
    `${row.exact}/${row.count}`,
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
    let best = Infinity;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const started = performance.now();
      detectCrisis(text);
      best = Math.min(best, performance.now() - started);
    }
    return `${size.toLocaleString('en')} chars ${best.toFixed(1)} ms`;
  });
  say(`  ${JSON.stringify(piece)} repeated: ${cells.join(', ')}`);
}

if (failures.length > 0) {
  process.exitCode = 1;
}
