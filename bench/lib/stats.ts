/** Latency summaries: percentiles from every sample (nearest rank), never a mean alone. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: ArrayLike<number>): Latency {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  if (n === 0) {
    return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  }
  const rank = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
  return { n, p50: round(rank(0.5)), p95: round(rank(0.95)), p99: round(rank(0.99)), max: round(sorted[n - 1]) };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A growable sample buffer that does not allocate a boxed number per sample. */
export class Samples {
  private data = new Float64Array(1024);
  private size = 0;

  push(value: number): void {
    if (this.size === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = value;
  }

  get length(): number {
    return this.size;
  }

  values(): Float64Array {
    return this.data.subarray(0, this.size);
  }

  clear(): void {
    this.size = 0;
  }
}
