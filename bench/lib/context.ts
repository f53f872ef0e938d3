import type { PrivateRedis } from './services.js';

/** One row of the summary table: Kring against a baseline measured in the same run. */
export interface Comparison {
  section: string;
  metric: string;
  kring: number | null;
  baseline: number | null;
  unit: string;
  /** kring / baseline, or null without a baseline. */
  ratio: number | null;
  /** The goal in words, e.g. "≥ 0.5× relay". */
  goal: string;
  /** Whether the goal was met; null when there is no goal or it could not be measured. */
  met: boolean | null;
}

export interface SectionResult {
  id: string;
  title: string;
  seconds: number;
  comparisons: Comparison[];
  /** Markdown: tables, plans and the notes on what limited what. */
  markdown: string;
  /** Every figure, for the JSON report. */
  data: unknown;
}

export interface BenchContext {
  quick: boolean;
  logsDir: string;
  jwtSecret: string;
  redis: PrivateRedis | null;
  nextPort(): Promise<number>;
  /** What sections share (a seeded database, figures to compare with), made by the first that needs it. */
  shared: Map<string, unknown>;
  /** Run at the end of the run, last first. */
  cleanup: (() => Promise<void>)[];
}

export function ratio(kring: number | null, baseline: number | null): number | null {
  if (kring === null || baseline === null || !Number.isFinite(kring) || !Number.isFinite(baseline) || baseline === 0) {
    return null;
  }
  return Math.round((kring / baseline) * 100) / 100;
}
