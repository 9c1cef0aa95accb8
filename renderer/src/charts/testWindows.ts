import {
  ERROR_REASONS,
  type ErrorCounts,
  type MetricRow,
  type WindowStats,
} from '../../../sim-core/results/types.ts';

/** Fixtures for the chart tests: a metric row with everything empty, overridable piece by piece. */
export function row(over: Partial<MetricRow> = {}, errors: Partial<ErrorCounts> = {}): MetricRow {
  const counts = Object.fromEntries(ERROR_REASONS.map((r) => [r, errors[r] ?? 0])) as ErrorCounts;
  counts.total = ERROR_REASONS.reduce((sum, r) => sum + counts[r], 0);
  return {
    arrivals: 0,
    completions: 0,
    errors: counts,
    inFlight: 0,
    throughputRps: 0,
    latencyMs: { mean: null, p50: null, p90: null, p99: null, p999: null, max: null },
    waitMs: { mean: null, p99: null },
    utilization: null,
    queueLengthMean: null,
    queueLengthMax: null,
    instancesLive: null,
    hitRatio: null,
    retryAmplification: null,
    queueDepthMean: null,
    queueDepthMax: null,
    lagMs: { mean: null, p99: null },
    deadLetters: null,
    ...over,
  };
}

/** A window `index` of `sec` seconds. */
export function win(
  index: number,
  endToEnd: MetricRow,
  extra: Partial<WindowStats> = {},
  sec = 1,
): WindowStats {
  return {
    index,
    startSec: index * sec,
    endSec: (index + 1) * sec,
    endToEnd,
    clients: {},
    classes: {},
    nodes: {},
    edges: {},
    ...extra,
  };
}
