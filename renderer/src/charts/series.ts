import { entryOf } from '../../../sim-core/results/entryOf.ts';
import {
  ERROR_REASONS,
  type ErrorReason,
  type MetricRow,
  type WindowStats,
} from '../../../sim-core/results/types.ts';

/**
 * Series for the time charts, taken from the streamed windows. Every series is a plain array aligned
 * with `windowTimes(windows)`: one value per window, `null` where the window measured nothing.
 * Numbers stay numbers here; units and formatting are the charts' business.
 */
export type Values = (number | null)[];

export const PERCENTILES = ['p50', 'p90', 'p99', 'p999'] as const;
export type Percentile = (typeof PERCENTILES)[number];

/** A window's statistics are drawn at its middle: an event at 60 s lands inside the window it changed. */
export function windowTimes(windows: readonly WindowStats[]): number[] {
  return windows.map((w) => (w.startSec + w.endSec) / 2);
}

function durationSec(w: WindowStats): number {
  return Math.max(1e-9, w.endSec - w.startSec);
}

/** End-to-end latency percentiles per window (ms). */
export function latencySeries(windows: readonly WindowStats[]): Record<Percentile, Values> {
  const out = { p50: [], p90: [], p99: [], p999: [] } as Record<Percentile, Values>;
  for (const w of windows) {
    for (const p of PERCENTILES) out[p].push(w.endToEnd.latencyMs[p]);
  }
  return out;
}

export interface ThroughputSeries {
  /** Successful completions per second. */
  okRps: number[];
  /** Failed requests per second, by reason. */
  errorRps: Record<ErrorReason, number[]>;
  /** The reasons that occurred at least once, in ERROR_REASONS order: the only ones worth a layer. */
  reasons: ErrorReason[];
  errorTotalRps: number[];
}

/** Throughput and errors by reason per window, as rates (per second). */
export function throughputSeries(windows: readonly WindowStats[]): ThroughputSeries {
  const errorRps = Object.fromEntries(ERROR_REASONS.map((r) => [r, [] as number[]])) as Record<
    ErrorReason,
    number[]
  >;
  const okRps: number[] = [];
  const errorTotalRps: number[] = [];
  const seen = new Set<ErrorReason>();
  for (const w of windows) {
    const dur = durationSec(w);
    const row = w.endToEnd;
    okRps.push(row.throughputRps);
    errorTotalRps.push(row.errors.total / dur);
    for (const r of ERROR_REASONS) {
      errorRps[r].push(row.errors[r] / dur);
      if (row.errors[r] > 0) seen.add(r);
    }
  }
  return { okRps, errorRps, reasons: ERROR_REASONS.filter((r) => seen.has(r)), errorTotalRps };
}

/**
 * Cumulative layers for a stacked area chart: layer k spans [y0, y1] where y0 is the sum of the layers
 * below it. All layers must have the same length.
 */
export function stackLayers(layers: readonly (readonly number[])[]): { y0: number[]; y1: number[] }[] {
  const n = layers[0]?.length ?? 0;
  const base = new Array<number>(n).fill(0);
  return layers.map((layer) => {
    const y0 = base.slice();
    for (let i = 0; i < n; i++) base[i] += layer[i] ?? 0;
    return { y0, y1: base.slice() };
  });
}

/** What the per-node charts can show: a node or an edge by id. */
export interface Scope {
  kind: 'node' | 'edge';
  id: string;
}

export function scopeRow(w: WindowStats, scope: Scope): MetricRow | undefined {
  return entryOf(scope.kind === 'node' ? w.nodes : w.edges, scope.id);
}

export type Unit = 'rps' | 'ms' | 'ratio' | 'count';

export interface ScopeMetric {
  key: string;
  unit: Unit;
  get: (row: MetricRow, durationSec: number) => number | null;
}

/** Per-scope metrics in the order the charts prefer them; only the ones a scope measures are drawn. */
export const SCOPE_METRICS = [
  { key: 'rps', unit: 'rps', get: (r) => r.throughputRps },
  { key: 'mean', unit: 'ms', get: (r) => r.latencyMs.mean },
  { key: 'p99', unit: 'ms', get: (r) => r.latencyMs.p99 },
  { key: 'utilization', unit: 'ratio', get: (r) => r.utilization },
  { key: 'queueLength', unit: 'count', get: (r) => r.queueLengthMean },
  { key: 'hitRatio', unit: 'ratio', get: (r) => r.hitRatio },
  { key: 'queueDepth', unit: 'count', get: (r) => r.queueDepthMean },
  { key: 'retryAmplification', unit: 'count', get: (r) => r.retryAmplification },
  { key: 'lagP99', unit: 'ms', get: (r) => r.lagMs.p99 },
  { key: 'errorsRps', unit: 'rps', get: (r, dur) => r.errors.total / dur },
  { key: 'instancesLive', unit: 'count', get: (r) => r.instancesLive },
] as const satisfies readonly ScopeMetric[];
export type ScopeMetricKey = (typeof SCOPE_METRICS)[number]['key'];

export interface ScopeSeries {
  key: ScopeMetricKey;
  unit: Unit;
  values: Values;
}

/** Every metric the scope measured in at least one window, with its values (null where absent). */
export function scopeSeries(windows: readonly WindowStats[], scope: Scope): ScopeSeries[] {
  const out: ScopeSeries[] = [];
  for (const metric of SCOPE_METRICS) {
    let any = false;
    const values: Values = windows.map((w) => {
      const row = scopeRow(w, scope);
      const v = row ? metric.get(row, durationSec(w)) : null;
      if (v !== null) any = true;
      return v;
    });
    if (any) out.push({ key: metric.key, unit: metric.unit, values });
  }
  return out;
}

/** The window whose middle is nearest to `t`, or -1 when there are none. `times` must be ascending. */
export function nearestIndex(times: readonly number[], t: number): number {
  if (times.length === 0) return -1;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(times[lo - 1] - t) <= Math.abs(times[lo] - t)) return lo - 1;
  return lo;
}

/** The simulated time span to draw: the scenario's end when known, else the last window of either run. */
export function timeExtentSec(endSec: number, ...runs: (readonly WindowStats[] | undefined)[]): number {
  let end = endSec;
  for (const windows of runs) {
    const last = windows?.[windows.length - 1];
    if (last) end = Math.max(end, last.endSec);
  }
  return end > 0 ? end : 1;
}

/** Min and max over the non-null values of several series (for a y domain); null when all are empty. */
export function extent(series: readonly (readonly (number | null)[])[], positiveOnly = false) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const values of series) {
    for (const v of values) {
      if (v === null || !Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : null;
}

/**
 * The node or edge the per-node charts show: the first selected id that the results know, as a node
 * or an edge. Regions and ids without results are skipped.
 */
export function resolveScope(
  selection: readonly string[],
  nodes: Readonly<Record<string, unknown>>,
  edges: Readonly<Record<string, unknown>>,
): Scope | null {
  for (const id of selection) {
    if (id in nodes) return { kind: 'node', id };
    if (id in edges) return { kind: 'edge', id };
  }
  return null;
}
