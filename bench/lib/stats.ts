/** Small statistics helpers for the benchmarks. */
import os from 'node:os';

/** Nearest-rank percentile (p in 0..100) of a list of numbers; null when empty. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface Summary {
  samples: number;
  p50_ms: number | null;
  p95_ms: number | null;
  mean_ms: number | null;
  max_ms: number | null;
}

export function summarise(values: number[]): Summary {
  return {
    samples: values.length,
    p50_ms: round(percentile(values, 50)),
    p95_ms: round(percentile(values, 95)),
    mean_ms: round(values.length ? values.reduce((a, b) => a + b, 0) / values.length : null),
    max_ms: round(values.length ? Math.max(...values) : null),
  };
}

export function round(value: number | null | undefined, digits = 1): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function ratio(a: number | null | undefined, b: number | null | undefined, digits = 2): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return round(a / b, digits);
}

/** Length statistics of a list of numbers (for describing corpora). */
export function distribution(values: number[]) {
  return {
    mean: round(values.length ? values.reduce((a, b) => a + b, 0) / values.length : null, 2),
    p10: percentile(values, 10),
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
  };
}

export function log(message: string): void {
  const t = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${t}] ${message}\n`);
}

export const now = () => performance.now();

/** The machine a benchmark ran on, with its load at the start and now (a load average above the CPU count means contention). */
export function machine(loadAtStart: number) {
  return {
    cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version,
    // Other work on the machine skews every figure: a load average above the CPU count means contention.
    loadavg_1m_at_start: round(loadAtStart, 2), loadavg_1m_at_end: round(os.loadavg()[0], 2),
  };
}
