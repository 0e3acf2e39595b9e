/**
 * Small statistics helpers for the benchmark. Percentiles use linear
 * interpolation between closest ranks (the same definition as numpy's default).
 */

export interface Summary {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
  mean: number;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { n: 0, min: NaN, median: NaN, p95: NaN, max: NaN, mean: NaN };
  return {
    n,
    min: Math.min(...values),
    median: percentile(values, 50),
    p95: percentile(values, 95),
    max: Math.max(...values),
    mean: values.reduce((a, b) => a + b, 0) / n,
  };
}

/** The same summary with a constant removed from every sample (floored at 0). */
export function shift(s: Summary, by: number): Summary {
  const f = (v: number) => Math.max(0, v - by);
  return { n: s.n, min: f(s.min), median: f(s.median), p95: f(s.p95), max: f(s.max), mean: f(s.mean) };
}

export function fmtMs(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function fmtRatio(yamlLs: number, ours: number, digits = 1): string {
  if (!Number.isFinite(yamlLs) || !Number.isFinite(ours)) return '—';
  if (ours <= 0) return '∞';
  return `${(yamlLs / ours).toFixed(digits)}×`;
}

export function fmtMiB(kib: number | undefined): string {
  if (kib === undefined || Number.isNaN(kib)) return '—';
  return (kib / 1024).toFixed(1);
}

/** Renders rows as a plain-text table; the first row is the header. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]), sep, ...rows.slice(1).map(line)].join('\n');
}
