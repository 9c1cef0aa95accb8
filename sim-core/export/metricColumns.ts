import { ERROR_REASONS, type MetricRow } from '../results/types.ts';

/** One metric column of the CSV exports: its header (units in the name) and how to read it from a row. */
export interface MetricColumn {
  readonly name: string;
  get(row: MetricRow): number | null;
}

/** `queueFull` → `queue_full`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * The metric columns shared by `summary.csv` and `timeseries.csv`, in order. This list is the only place
 * they are defined, so the two files cannot drift apart; docs/cli.md describes each column.
 */
export const METRIC_COLUMNS: readonly MetricColumn[] = [
  { name: 'arrivals', get: (r) => r.arrivals },
  { name: 'completions', get: (r) => r.completions },
  { name: 'errors_total', get: (r) => r.errors.total },
  ...ERROR_REASONS.map((reason) => ({
    name: `errors_${snakeCase(reason)}`,
    get: (r: MetricRow) => r.errors[reason],
  })),
  { name: 'in_flight', get: (r) => r.inFlight },
  { name: 'throughput_rps', get: (r) => r.throughputRps },
  { name: 'latency_mean_ms', get: (r) => r.latencyMs.mean },
  { name: 'latency_p50_ms', get: (r) => r.latencyMs.p50 },
  { name: 'latency_p90_ms', get: (r) => r.latencyMs.p90 },
  { name: 'latency_p99_ms', get: (r) => r.latencyMs.p99 },
  { name: 'latency_p999_ms', get: (r) => r.latencyMs.p999 },
  { name: 'latency_max_ms', get: (r) => r.latencyMs.max },
  { name: 'wait_mean_ms', get: (r) => r.waitMs.mean },
  { name: 'wait_p99_ms', get: (r) => r.waitMs.p99 },
  { name: 'utilization', get: (r) => r.utilization },
  { name: 'queue_length_mean', get: (r) => r.queueLengthMean },
  { name: 'queue_length_max', get: (r) => r.queueLengthMax },
  { name: 'instances_live', get: (r) => r.instancesLive },
  { name: 'hit_ratio', get: (r) => r.hitRatio },
  { name: 'retry_amplification', get: (r) => r.retryAmplification },
  { name: 'queue_depth_mean', get: (r) => r.queueDepthMean },
  { name: 'queue_depth_max', get: (r) => r.queueDepthMax },
  { name: 'lag_mean_ms', get: (r) => r.lagMs.mean },
  { name: 'lag_p99_ms', get: (r) => r.lagMs.p99 },
  { name: 'dead_letters', get: (r) => r.deadLetters },
];
