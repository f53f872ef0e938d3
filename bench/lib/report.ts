import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Comparison, SectionResult } from './context.js';

export interface RunInfo {
  startedAt: string;
  seconds: number;
  machine: Record<string, string | number | boolean>;
  notes: string[];
}

const fmt = (value: number | null, unit = '') => {
  if (value === null || !Number.isFinite(value)) {
    return '—';
  }
  const text = Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en') : String(Math.round(value * 100) / 100);
  return unit ? `${text} ${unit}` : text;
};

const verdict = (met: boolean | null) => (met === null ? '' : met ? 'met' : 'MISSED');

export function comparisonTable(rows: Comparison[]): string {
  const lines = [
    '| section | metric | Kring | baseline | ratio | goal | |',
    '| --- | --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.section} | ${row.metric} | ${fmt(row.kring, row.unit)} | ${fmt(row.baseline, row.unit)} | ${row.ratio === null ? '—' : `${row.ratio}×`} | ${row.goal} | ${verdict(row.met)} |`,
    ),
  ];
  return lines.join('\n');
}

/** A plain-text table for the terminal. */
export function terminalTable(rows: Comparison[]): string {
  const cells = [
    ['section', 'metric', 'Kring', 'baseline', 'ratio', 'goal', ''],
    ...rows.map((row) => [
      row.section,
      row.metric,
      fmt(row.kring, row.unit),
      fmt(row.baseline, row.unit),
      row.ratio === null ? '—' : `${row.ratio}×`,
      row.goal,
      verdict(row.met),
    ]),
  ];
  const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function writeReport(
  dir: string,
  stamp: string,
  info: RunInfo,
  sections: SectionResult[],
): { md: string; json: string } {
  const comparisons = sections.flatMap((section) => section.comparisons);
  const md = [
    `# Kring benchmark, ${info.startedAt}`,
    '',
    `\`npm run bench\`, ${Math.round(info.seconds / 60)} min ${Math.round(info.seconds % 60)} s. ` +
      Object.entries(info.machine)
        .map(([key, value]) => `${key}: ${value}`)
        .join('; ') +
      '.',
    '',
    ...info.notes.map((note) => `- ${note}`),
    '',
    '## Summary: Kring against baselines measured in this run',
    '',
    comparisonTable(comparisons),
    '',
    ...sections.flatMap((section) => [`## ${section.title}`, '', `(${section.seconds} s)`, '', section.markdown, '']),
  ].join('\n');
  const mdPath = join(dir, `${stamp}.md`);
  const jsonPath = join(dir, `${stamp}.json`);
  writeFileSync(mdPath, md);
  writeFileSync(jsonPath, `${JSON.stringify({ ...info, comparisons, sections }, null, 2)}\n`);
  return { md: mdPath, json: jsonPath };
}
