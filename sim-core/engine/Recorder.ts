import { NODE_KINDS } from '../format/schema.ts';
import type {
  AppliedEvent,
  ConfidenceInterval,
  LatencyHistogram,
  MetricRow,
  Summary,
  TailHop,
  WindowStats,
} from '../results/types.ts';
import { PHASES } from '../results/types.ts';
import { bucketLowerBound, LogHistogram } from '../stats/LogHistogram.ts';
import { studentT975 } from '../stats/studentT.ts';
import { E, K } from './codes.ts';
import type { Engine } from './Engine.ts';
import type { ClientRt, ServerRt } from './runtime.ts';
import type { ScopeAcc } from './ScopeAcc.ts';
import { pumpQueues } from './stores.ts';
import { TailAcc } from './TailAcc.ts';

/** A named scope: its window accumulator and its run total. */
export interface Scope {
  id: string;
  acc: ScopeAcc;
  total: ScopeAcc;
}

const TARGET_BATCHES = 20;

/**
 * Closes metric windows, keeps the run totals after warm-up, the batch means for confidence intervals
 * and the tail attribution, and logs what scenario events did. It turns accumulators into plain rows.
 */
export class Recorder {
  readonly windows: WindowStats[] = [];
  readonly applied: AppliedEvent[] = [];
  readonly tail: TailAcc;
  private windowStart = 0;
  private readonly batch = new LogHistogram();
  private batchWindows = 0;
  private readonly batchSize: number;
  private readonly batchMeans: number[] = [];
  private readonly batchP99s: number[] = [];
  wallMs = 0;

  constructor(
    readonly e2e: Scope,
    readonly clients: Scope[],
    readonly classes: Scope[],
    readonly windowMs: number,
    hops: number,
    warmupMs: number,
    endMs: number,
  ) {
    this.tail = new TailAcc(hops);
    const windowsAfterWarmup = Math.max(1, Math.ceil((endMs - warmupMs) / windowMs));
    this.batchSize = Math.max(1, Math.floor(windowsAfterWarmup / TARGET_BATCHES));
  }

  start(e: Engine): void {
    this.windowStart = 0;
    e.heap.push(this.nextBoundary(e, 0), E.window, 0, 0);
  }

  private nextBoundary(e: Engine, after: number): number {
    let next = (Math.floor(after / this.windowMs + 1e-9) + 1) * this.windowMs;
    if (after < e.warmupMs && e.warmupMs < next) next = e.warmupMs;
    return Math.min(next, e.endMs);
  }

  log(e: Engine, type: AppliedEvent['type'], target: string, label: string, detail: string): void {
    this.applied.push({ atSec: e.now / 1000, type, target, label, detail });
  }

  closeWindow(e: Engine): void {
    const now = e.now;
    const span = now - this.windowStart;
    const counted = this.windowStart >= e.warmupMs - 1e-9;
    const scale = 1 / e.factor;
    if (counted) this.batchAdd(this.e2e.acc);
    const close = (s: Scope) => s.acc.close(now, span, scale, counted ? s.total : null);
    const rows = (scopes: { id: string; acc: ScopeAcc; total: ScopeAcc }[]) => {
      const out: Record<string, MetricRow> = {};
      for (const s of scopes) out[s.id] = close(s);
      return out;
    };
    const endToEnd = close(this.e2e);
    const clients: Record<string, MetricRow> = {};
    for (const s of this.clients) clients[s.id] = s.acc === this.e2e.acc ? endToEnd : close(s);
    // A client node's scope is its client scope, already closed: closing it again would report the
    // reset counters (zeros) and count the window's span twice in its run total.
    const nodes: Record<string, MetricRow> = {};
    for (const n of e.nodes) nodes[n.id] = n.kind === K.client ? clients[n.id] : close(n);
    this.windows.push({
      index: this.windows.length,
      startSec: this.windowStart / 1000,
      endSec: now / 1000,
      endToEnd,
      clients,
      classes: rows(this.classes),
      nodes,
      edges: rows(e.edges),
    });
    this.windowStart = now;
    pumpQueues(e);
    if (now < e.endMs) e.heap.push(this.nextBoundary(e, now), E.window, 0, 0);
  }

  private batchAdd(acc: ScopeAcc): void {
    this.batch.merge(acc.latency);
    if (++this.batchWindows < this.batchSize) return;
    if (this.batch.count > 0) {
      this.batchMeans.push(this.batch.sum / this.batch.count);
      this.batchP99s.push(this.batch.quantile(0.99) ?? 0);
    }
    this.batch.reset();
    this.batchWindows = 0;
  }

  summary(e: Engine): Summary {
    const scale = 1 / e.factor;
    const e2eRow = this.e2e.total.totalRow(scale);
    const rows = (scopes: Scope[]) => {
      const out: Record<string, MetricRow> = {};
      for (const s of scopes) out[s.id] = s.total === this.e2e.total ? e2eRow : s.total.totalRow(scale);
      return out;
    };
    const nodes: Summary['nodes'] = {};
    for (const n of e.nodes) {
      const row = n.total === this.e2e.total ? e2eRow : n.total.totalRow(scale);
      nodes[n.id] = { ...row, kind: NODE_KINDS[n.kind] };
    }
    const edges: Summary['edges'] = {};
    for (const edge of e.edges)
      edges[edge.id] = { ...edge.total.totalRow(scale), source: edge.source.id, target: edge.target.id };
    const hopNames = [...e.nodes.map((n) => n.id), ...e.edges.map((x) => x.id)];
    const threshold = this.e2e.total.latency.quantile(0.99);
    const tail = this.tail.attribution(threshold, this.e2e.total.latency, e.nodes.length);
    const hops: TailHop[] = tail.hops.map((h) => ({
      hop: hopNames[h.hop],
      hopKind: h.hop < e.nodes.length ? 'node' : 'edge',
      phase: PHASES[h.phase],
      share: h.share,
      meanMs: h.meanMs,
    }));
    return {
      simulatedSec: e.now / 1000,
      warmupSec: e.warmupMs / 1000,
      seed: e.seed,
      events: e.events,
      wallMs: this.wallMs,
      windowSec: this.windowMs / 1000,
      sampling: e.factor < 1 ? { factor: e.factor, reason: e.samplingReason } : null,
      endToEnd: {
        ...e2eRow,
        confidence: {
          meanMs: interval(e2eRow.latencyMs.mean, this.batchMeans),
          p99Ms: interval(e2eRow.latencyMs.p99, this.batchP99s),
          batches: this.batchMeans.length,
        },
        latencyHistogram: coarseHistogram(this.e2e.total.latency, scale),
      },
      clients: rows(this.clients),
      classes: rows(this.classes),
      nodes,
      edges,
      tailAttribution: { thresholdMs: threshold, requests: tail.requests, hops },
      eventsApplied: this.applied.slice(),
    };
  }
}

/** Merges the fine buckets 8 at a time (about 9% wide bins) for charts. */
function coarseHistogram(h: LogHistogram, scale: number): LatencyHistogram {
  const out: LatencyHistogram = { lowerMs: [], upperMs: [], counts: [] };
  if (h.count === 0) return out;
  const zeros = h.counts[0];
  if (zeros > 0) {
    out.lowerMs.push(0);
    out.upperMs.push(bucketLowerBound(1));
    out.counts.push(zeros * scale);
  }
  let first = -1;
  let last = -1;
  for (let b = 1; b < h.counts.length; b++) {
    if (h.counts[b] > 0) {
      if (first < 0) first = b;
      last = b;
    }
  }
  if (first < 0) return out;
  const start = 1 + Math.floor((first - 1) / 8) * 8;
  for (let b = start; b <= last; b += 8) {
    let n = 0;
    for (let i = b; i < b + 8 && i < h.counts.length; i++) n += h.counts[i];
    out.lowerMs.push(bucketLowerBound(b));
    out.upperMs.push(bucketLowerBound(b + 8));
    out.counts.push(n * scale);
  }
  return out;
}

/** A 95% confidence interval around `estimate` from independent batch statistics (batch means). */
function interval(estimate: number | null, batches: number[]): ConfidenceInterval {
  const k = batches.length;
  if (estimate === null || k < 2) return { estimate, low: null, high: null };
  let mean = 0;
  for (const b of batches) mean += b;
  mean /= k;
  let ss = 0;
  for (const b of batches) ss += (b - mean) ** 2;
  const half = studentT975(k - 1) * Math.sqrt(ss / (k - 1) / k);
  return { estimate, low: estimate - half, high: estimate + half };
}

export type { ClientRt, ServerRt };
