import { ERROR_REASONS, type ErrorCounts, type MetricRow, type WindowStats } from '../results/types.ts';
import type { ScopeAcc } from './ScopeAcc.ts';

/**
 * The run's closed metric windows, kept compactly: one Float64Array per window holding every scope's
 * numbers side by side (null as NaN), and only the numbers a scope's kind reports (an edge has no
 * utilization or broker depth). A window of a 10,000-service estate takes a few megabytes, not the
 * hundreds a tree of row objects would; rows are rebuilt when a window is read.
 */

/** Which optional metrics a scope reports (the rest are null). */
export const Reported = {
  util: 1,
  queue: 2,
  instances: 4,
  hits: 8,
  retries: 16,
  broker: 32,
  wait: 64,
} as const;

/** The fields every scope has: 4 counts and rates, the errors (total and by reason), 6 latency figures. */
const BASE_FIELDS = 4 + 1 + ERROR_REASONS.length + 6;
/** Optional groups: the mask bit and how many numbers it adds. */
const GROUPS: readonly [bit: number, width: number][] = [
  [Reported.wait, 2],
  [Reported.util, 1],
  [Reported.queue, 2],
  [Reported.instances, 1],
  [Reported.hits, 1],
  [Reported.retries, 1],
  [Reported.broker, 5],
];

/** How many numbers a scope with `mask` stores per window. */
export function rowWidth(mask: number): number {
  let width = BASE_FIELDS;
  for (const [bit, n] of GROUPS) if ((mask & bit) !== 0) width += n;
  return width;
}

const num = (x: number | null) => (x === null ? Number.NaN : x);
const val = (x: number) => (Number.isNaN(x) ? null : x);

const LATENCY_QUANTILES = [0.5, 0.9, 0.99, 0.999] as const;

/**
 * Writes scope `acc`'s numbers over `spanMs` at `at` (rowWidth(acc.mask) numbers), counts scaled by
 * `scale`; `areas` and `maxes` are its gauges' integrals and maxima (queue, busy, workers, instances,
 * depth). Written straight into the window, with no row objects in between: every window closes
 * every scope.
 */
export function encodeScope(
  acc: ScopeAcc,
  spanMs: number,
  scale: number,
  areas: ArrayLike<number>,
  maxes: ArrayLike<number>,
  out: Float64Array,
  at: number,
): void {
  const mask = acc.mask;
  const mean = (g: number) => (spanMs > 0 ? (areas[g] / spanMs) * scale : Number.NaN);
  let i = at;
  out[i++] = acc.arrivals * scale;
  out[i++] = acc.completions * scale;
  out[i++] = (acc.cumArrivals - acc.cumFinished) * scale;
  out[i++] = spanMs > 0 ? (acc.completions * scale * 1000) / spanMs : 0;
  const totalAt = i++;
  let total = 0;
  for (let r = 1; r <= ERROR_REASONS.length; r++) {
    const n = acc.errors[r] * scale;
    out[i++] = n;
    total += n;
  }
  out[totalAt] = total;
  const h = acc.latency;
  if (h.count > 0) {
    const [p50, p90, p99, p999] = h.quantiles(LATENCY_QUANTILES);
    out[i++] = h.sum / h.count;
    out[i++] = num(p50);
    out[i++] = num(p90);
    out[i++] = num(p99);
    out[i++] = num(p999);
    out[i++] = h.max;
  } else {
    // Most scopes of a large estate see no request in a window: no scan, no array.
    out.fill(Number.NaN, i, i + 6);
    i += 6;
  }
  if ((mask & Reported.wait) !== 0) {
    out[i++] = num(acc.wait.mean());
    out[i++] = num(acc.wait.quantile(0.99));
  }
  if ((mask & Reported.util) !== 0) out[i++] = areas[2] > 0 ? areas[1] / areas[2] : 0;
  if ((mask & Reported.queue) !== 0) {
    out[i++] = mean(0);
    out[i++] = maxes[0] * scale;
  }
  if ((mask & Reported.instances) !== 0) out[i++] = mean(3);
  if ((mask & Reported.hits) !== 0) out[i++] = acc.lookups > 0 ? acc.hits / acc.lookups : Number.NaN;
  if ((mask & Reported.retries) !== 0) out[i++] = acc.calls > 0 ? acc.attempts / acc.calls : Number.NaN;
  if ((mask & Reported.broker) !== 0) {
    out[i++] = mean(4);
    out[i++] = maxes[4] * scale;
    out[i++] = num(acc.lag.mean());
    out[i++] = num(acc.lag.quantile(0.99));
    out[i++] = acc.deadLetters * scale;
  }
}

/** The row written at `at` by `encodeScope` for a scope with this mask. */
export function decodeRow(data: Float64Array, mask: number, at: number): MetricRow {
  let i = at;
  const arrivals = data[i++];
  const completions = data[i++];
  const inFlight = data[i++];
  const throughputRps = data[i++];
  const errors = { total: data[i++] } as ErrorCounts;
  for (const reason of ERROR_REASONS) errors[reason] = data[i++];
  const latencyMs = {
    mean: val(data[i++]),
    p50: val(data[i++]),
    p90: val(data[i++]),
    p99: val(data[i++]),
    p999: val(data[i++]),
    max: val(data[i++]),
  };
  const has = (bit: number) => (mask & bit) !== 0;
  const waitMs = has(Reported.wait)
    ? { mean: val(data[i++]), p99: val(data[i++]) }
    : { mean: null, p99: null };
  const utilization = has(Reported.util) ? val(data[i++]) : null;
  const queueLengthMean = has(Reported.queue) ? val(data[i++]) : null;
  const queueLengthMax = has(Reported.queue) ? val(data[i++]) : null;
  const instancesLive = has(Reported.instances) ? val(data[i++]) : null;
  const hitRatio = has(Reported.hits) ? val(data[i++]) : null;
  const retryAmplification = has(Reported.retries) ? val(data[i++]) : null;
  const broker = has(Reported.broker);
  const queueDepthMean = broker ? val(data[i++]) : null;
  const queueDepthMax = broker ? val(data[i++]) : null;
  const lagMs = broker ? { mean: val(data[i++]), p99: val(data[i++]) } : { mean: null, p99: null };
  const deadLetters = broker ? val(data[i++]) : null;
  return {
    arrivals,
    completions,
    errors,
    inFlight,
    throughputRps,
    latencyMs,
    waitMs,
    utilization,
    queueLengthMean,
    queueLengthMax,
    instancesLive,
    hitRatio,
    retryAmplification,
    queueDepthMean,
    queueDepthMax,
    lagMs,
    deadLetters,
  };
}

/** At most this many windows per run, and this many bytes of them: beyond, windows are widened. */
export const MAX_WINDOWS = 100_000;
export const MAX_WINDOW_BYTES = 256 * 2 ** 20;

/**
 * The window width for a run of `durationMs` whose windows take `width` numbers each: the requested
 * one, or — when the run would keep more than MAX_WINDOWS windows or MAX_WINDOW_BYTES of them — the
 * smallest 1-2-5 step (1, 2, 5, 10 ms …) that keeps it within both. Merging windows before they are
 * made keeps every window's quantiles exact, which merging kept windows could not.
 */
export function planWindowMs(durationMs: number, requestedMs: number, width: number): number {
  const cap = Math.max(1, Math.min(MAX_WINDOWS, Math.floor(MAX_WINDOW_BYTES / (8 * Math.max(1, width)))));
  // +1: the warm-up's end cuts one window in two.
  if (Math.ceil(durationMs / requestedMs) + 1 <= cap) return requestedMs;
  const least = durationMs / (cap - 1);
  for (let decade = 10 ** Math.floor(Math.log10(least)); ; decade *= 10)
    for (const step of [1, 2, 5])
      if (step * decade >= least && step * decade >= requestedMs) return step * decade;
}

/** Where each scope's numbers sit in a window. */
export interface ScopeSlot {
  id: string;
  mask: number;
  at: number;
}

/** The scopes of a run in storage order: end to end, clients, classes, nodes, edges. */
export interface WindowLayout {
  endToEnd: ScopeSlot;
  clients: ScopeSlot[];
  classes: ScopeSlot[];
  /** A client node shares its client scope's slot. */
  nodes: ScopeSlot[];
  edges: ScopeSlot[];
  /** Numbers per window. */
  width: number;
}

export class WindowStore {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly data: Float64Array[] = [];

  constructor(readonly layout: WindowLayout) {}

  get length(): number {
    return this.data.length;
  }

  /** Bytes one window takes. */
  get bytesPerWindow(): number {
    return this.layout.width * 8;
  }

  push(startSec: number, endSec: number, data: Float64Array): void {
    this.starts.push(startSec);
    this.ends.push(endSec);
    this.data.push(data);
  }

  /** Window `index` as rows (records keyed by id have no prototype: any id is a safe key). */
  get(index: number): WindowStats {
    const data = this.data[index];
    const rows = (slots: ScopeSlot[]) => {
      const out: Record<string, MetricRow> = Object.create(null);
      for (const s of slots) out[s.id] = decodeRow(data, s.mask, s.at);
      return out;
    };
    const { layout } = this;
    const endToEnd = decodeRow(data, layout.endToEnd.mask, layout.endToEnd.at);
    return {
      index,
      startSec: this.starts[index],
      endSec: this.ends[index],
      endToEnd,
      clients: rows(layout.clients),
      classes: rows(layout.classes),
      nodes: rows(layout.nodes),
      edges: rows(layout.edges),
    };
  }

  /** Windows `from` (inclusive) to `to` (exclusive) as rows. */
  slice(from = 0, to = this.length): WindowStats[] {
    const out: WindowStats[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) out.push(this.get(i));
    return out;
  }
}
