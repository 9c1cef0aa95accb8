import { studentT975 } from '../stats/studentT.ts';

/** A mean over replications with its 95 % Student-t interval; `low`/`high` null below two values. */
export interface Estimate {
  mean: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

/** The mean and 95 % confidence interval of `values` (nulls, i.e. unmeasured, left out). */
export function estimate(values: readonly (number | null)[]): Estimate {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { mean: null, low: null, high: null, n };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  if (n < 2) return { mean, low: null, high: null, n };
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  const half = studentT975(n - 1) * Math.sqrt(squares / (n - 1) / n);
  return { mean, low: mean - half, high: mean + half, n };
}

/** The half-width of an estimate's interval relative to its mean (Infinity when unknown). */
export function relativeHalfWidth(e: Estimate): number {
  if (e.mean === null || e.low === null || e.high === null || e.mean === 0) return Number.POSITIVE_INFINITY;
  return (e.high - e.low) / 2 / Math.abs(e.mean);
}

/**
 * The seed of replication `k` of a point whose scenario seed is `base`: `base` itself for k = 0 (so a
 * one-seed sweep point equals `archsim run`), then a splitmix32 mix of both. The same k gives the same
 * seed at every point: common random numbers, so two points differ by their parameters, not their luck.
 */
export function seedFor(base: number, k: number): number {
  if (k === 0) return base >>> 0;
  let z = (base ^ Math.imul(k, 0x9e3779b9)) + 0x6d2b79f5;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return (z ^ (z >>> 14)) >>> 0;
}
