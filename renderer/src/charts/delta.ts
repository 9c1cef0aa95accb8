import type { MetricRow } from '../../../sim-core/results/types.ts';

/** The headline numbers compared between the pinned run and the current one. */
export const DELTA_METRICS = ['throughput', 'errorShare', 'mean', 'p50', 'p99', 'p999'] as const;
export type DeltaMetric = (typeof DELTA_METRICS)[number];

export interface DeltaRow {
  metric: DeltaMetric;
  pinned: number | null;
  current: number | null;
  /** current − pinned, in the metric's unit (percentage points for the error share ×100). */
  delta: number | null;
  /** delta / pinned × 100; null when the pinned value is 0 or missing. */
  deltaPct: number | null;
  /** Higher throughput is better; lower latency and fewer errors are better. */
  verdict: 'better' | 'worse' | 'same' | null;
}

/** Relative changes smaller than this (in %) count as "same". */
export const SAME_WITHIN_PCT = 1;

/**
 * The share of finished requests that failed, 0..1: errors / (completions + errors). Requests still
 * in flight are left out, so an overloaded run that queues work does not look healthier than it is.
 */
export function errorShare(row: MetricRow): number | null {
  const finished = row.completions + row.errors.total;
  return finished > 0 ? row.errors.total / finished : null;
}

function value(row: MetricRow, metric: DeltaMetric): number | null {
  switch (metric) {
    case 'throughput':
      return row.throughputRps;
    case 'errorShare':
      return errorShare(row);
    case 'mean':
    case 'p50':
    case 'p99':
    case 'p999':
      return row.latencyMs[metric];
    default: {
      const never: never = metric;
      return never;
    }
  }
}

/** Pinned vs current for each headline metric, with the change and whether it is an improvement. */
export function deltaRows(pinned: MetricRow, current: MetricRow): DeltaRow[] {
  return DELTA_METRICS.map((metric) => {
    const a = value(pinned, metric);
    const b = value(current, metric);
    const delta = a !== null && b !== null ? b - a : null;
    const deltaPct = delta !== null && a !== null && a !== 0 ? (delta / Math.abs(a)) * 100 : null;
    let verdict: DeltaRow['verdict'] = null;
    if (delta !== null) {
      const small = deltaPct !== null ? Math.abs(deltaPct) < SAME_WITHIN_PCT : delta === 0;
      const higherIsBetter = metric === 'throughput';
      verdict = small ? 'same' : delta > 0 === higherIsBetter ? 'better' : 'worse';
    }
    return { metric, pinned: a, current: b, delta, deltaPct, verdict };
  });
}
