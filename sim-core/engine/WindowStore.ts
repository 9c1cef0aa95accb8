import { ERROR_REASONS, type ErrorCounts, type MetricRow, type WindowStats } from '../results/types.ts';
import { Reported } from './ScopeAcc.ts';

/**
 * The run's closed metric windows, kept compactly: one Float64Array per window holding every scope's
 * numbers side by side (null as NaN), and only the numbers a scope's kind reports (an edge has no
 * utilization or broker depth). A window of a 10,000-service estate takes a few megabytes, not the
 * hundreds a tree of row objects would; rows are rebuilt when a window is read.
 */

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

/** Writes `row` at `at` (rowWidth(mask) numbers). */
export function encodeRow(row: MetricRow, mask: number, out: Float64Array, at: number): void {
  let i = at;
  out[i++] = row.arrivals;
  out[i++] = row.completions;
  out[i++] = row.inFlight;
  out[i++] = row.throughputRps;
  out[i++] = row.errors.total;
  for (const reason of ERROR_REASONS) out[i++] = row.errors[reason];
  const l = row.latencyMs;
  out[i++] = num(l.mean);
  out[i++] = num(l.p50);
  out[i++] = num(l.p90);
  out[i++] = num(l.p99);
  out[i++] = num(l.p999);
  out[i++] = num(l.max);
  if ((mask & Reported.wait) !== 0) {
    out[i++] = num(row.waitMs.mean);
    out[i++] = num(row.waitMs.p99);
  }
  if ((mask & Reported.util) !== 0) out[i++] = num(row.utilization);
  if ((mask & Reported.queue) !== 0) {
    out[i++] = num(row.queueLengthMean);
    out[i++] = num(row.queueLengthMax);
  }
  if ((mask & Reported.instances) !== 0) out[i++] = num(row.instancesLive);
  if ((mask & Reported.hits) !== 0) out[i++] = num(row.hitRatio);
  if ((mask & Reported.retries) !== 0) out[i++] = num(row.retryAmplification);
  if ((mask & Reported.broker) !== 0) {
    out[i++] = num(row.queueDepthMean);
    out[i++] = num(row.queueDepthMax);
    out[i++] = num(row.lagMs.mean);
    out[i++] = num(row.lagMs.p99);
    out[i++] = num(row.deadLetters);
  }
}

/** The row written at `at` by `encodeRow` with the same mask. */
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
