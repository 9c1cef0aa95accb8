import { NODE_KINDS } from '../format/schema.ts';
import type { Message } from '../messages/Message.ts';
import type { AppliedEvent, LatencyHistogram, MetricRow, Summary, TailHop } from '../results/types.ts';
import { PHASES } from '../results/types.ts';
import { batchEnd, batchInterval, meanSkewness, ratioSkewness } from '../stats/batchMeans.ts';
import { BIN_BUCKETS, bucketLowerBound, LogHistogram } from '../stats/LogHistogram.ts';
import { EventKind, NodeKind } from './codes.ts';
import { pumpQueues } from './nodes/queue.ts';
import type { ScopeAcc } from './ScopeAcc.ts';
import { TailAcc } from './TailAcc.ts';
import { rowWidth, type ScopeSlot, WindowStore } from './WindowStore.ts';
import type { World } from './World.ts';

/** A named scope: its window accumulator and its run total. */
export interface Scope {
  id: string;
  acc: ScopeAcc;
  total: ScopeAcc;
}

/**
 * Closes metric windows, keeps the run totals after warm-up, the batch means for confidence intervals
 * and the tail attribution, and logs what scenario events did. It turns accumulators into plain rows.
 */
export class Recorder {
  /** Set by `start`, once the world's nodes and edges are known. */
  windows!: WindowStore;
  /** Per node index, and per edge index, where its numbers sit in a window. */
  private nodeSlots: ScopeSlot[] = [];
  private edgeSlots: ScopeSlot[] = [];
  private e2eSlot!: ScopeSlot;
  private clientSlots: ScopeSlot[] = [];
  private classSlots: ScopeSlot[] = [];
  readonly applied: AppliedEvent[] = [];
  readonly tail: TailAcc;
  private windowStart = 0;
  /** The batch being filled, how many windows after warm-up have closed, and how many the run plans. */
  private readonly batch = new LogHistogram();
  private windowsCounted = 0;
  private batchesClosed = 0;
  private readonly windowsPlanned: number;
  private readonly batchMeans: number[] = [];
  private readonly batchP99s: number[] = [];
  /** Per window after warm-up, the end-to-end completions, latency sum and p99: the intervals' skewness. */
  private readonly windowCounts: number[] = [];
  private readonly windowSums: number[] = [];
  private readonly windowP99s: number[] = [];
  wallMs = 0;
  /** What the run wants its reader to know (windows widened, say), as messages. */
  readonly notices: Message[] = [];

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
    this.windowsPlanned = Math.max(1, Math.ceil((endMs - warmupMs) / windowMs));
  }

  start(e: World): void {
    this.layout(e);
    this.windowStart = 0;
    e.k.scheduleAt(this.nextBoundary(e, 0), EventKind.windowEnd, 0, 0);
  }

  private nextBoundary(e: World, after: number): number {
    let next = (Math.floor(after / this.windowMs + 1e-9) + 1) * this.windowMs;
    if (after < e.warmupMs && e.warmupMs < next) next = e.warmupMs;
    return Math.min(next, e.endMs);
  }

  log(
    e: World,
    type: AppliedEvent['type'],
    target: string,
    label: AppliedEvent['label'],
    detail: AppliedEvent['detail'],
  ): void {
    this.applied.push({ atSec: e.k.now / 1000, type, target, label, detail });
  }

  /** Lays the scopes out in a window: end to end, clients, classes, nodes (not clients), edges. */
  private layout(e: World): void {
    let at = 0;
    const slot = (id: string, mask: number): ScopeSlot => {
      const s = { id, mask, at };
      at += rowWidth(mask);
      return s;
    };
    this.e2eSlot = slot(this.e2e.id, this.e2e.acc.mask);
    // The only client of a topology records into the end-to-end scope itself: one slot for both.
    this.clientSlots = this.clients.map((c) =>
      c.acc === this.e2e.acc ? { ...this.e2eSlot, id: c.id } : slot(c.id, c.acc.mask),
    );
    this.classSlots = this.classes.map((c) => slot(c.id, c.acc.mask));
    const clientSlot = new Map(this.clientSlots.map((s) => [s.id, s]));
    this.nodeSlots = e.nodes.map((n) =>
      n.kind === NodeKind.client ? { ...(clientSlot.get(n.id) as ScopeSlot) } : slot(n.id, n.acc.mask),
    );
    this.edgeSlots = e.edges.map((x) => slot(x.id, x.acc.mask));
    this.windows = new WindowStore({
      endToEnd: this.e2eSlot,
      clients: this.clientSlots,
      classes: this.classSlots,
      nodes: this.nodeSlots,
      edges: this.edgeSlots,
      width: at,
    });
  }

  closeWindow(e: World): void {
    const now = e.k.now;
    const span = now - this.windowStart;
    const counted = this.windowStart >= e.warmupMs - 1e-9;
    const scale = 1 / e.factor;
    if (counted) this.batchAdd(this.e2e.acc);
    const data = new Float64Array(this.windows.layout.width);
    const close = (s: { acc: ScopeAcc; total: ScopeAcc }, at: ScopeSlot) =>
      s.acc.close(now, span, scale, counted ? s.total : null, data, at.at);
    close(this.e2e, this.e2eSlot);
    // A client's scope may be the end-to-end one (a single client): closed once, above.
    for (let i = 0; i < this.clients.length; i++)
      if (this.clients[i].acc !== this.e2e.acc) close(this.clients[i], this.clientSlots[i]);
    for (let i = 0; i < this.classes.length; i++) close(this.classes[i], this.classSlots[i]);
    // A client node's scope is its client scope, already closed: closing it again would report the
    // reset counters (zeros) and count the window's span twice in its run total.
    const nodes = e.nodes;
    for (let i = 0; i < nodes.length; i++)
      if (nodes[i].kind !== NodeKind.client) close(nodes[i], this.nodeSlots[i]);
    const edges = e.edges;
    for (let i = 0; i < edges.length; i++) close(edges[i], this.edgeSlots[i]);
    this.windows.push(this.windowStart / 1000, now / 1000, data);
    this.windowStart = now;
    pumpQueues(e);
    if (now < e.endMs) e.k.scheduleAt(this.nextBoundary(e, now), EventKind.windowEnd, 0, 0);
  }

  /**
   * Adds a window after warm-up to the batch being filled, and closes the batch at its planned end
   * (`batchEnd`: the planned windows cut into `BATCHES` near-equal batches). A summary taken before
   * the end therefore sees only the batches closed so far.
   */
  private batchAdd(acc: ScopeAcc): void {
    const h = acc.latency;
    this.windowCounts.push(h.count);
    this.windowSums.push(h.sum);
    if (h.count > 0) this.windowP99s.push(h.quantile(0.99) ?? 0);
    this.batch.merge(h);
    if (++this.windowsCounted < batchEnd(this.windowsPlanned, this.batchesClosed)) return;
    this.batchesClosed++;
    if (this.batch.count > 0) {
      this.batchMeans.push(this.batch.sum / this.batch.count);
      this.batchP99s.push(this.batch.quantile(0.99) ?? 0);
    }
    this.batch.reset();
  }

  /** The skewness of the run's mean latency `mean`, from its windows (see batchMeans.ts). */
  private meanSkewness(mean: number | null): number {
    return mean === null ? 0 : ratioSkewness(this.windowCounts, this.windowSums, mean);
  }

  summary(e: World): Summary {
    const scale = 1 / e.factor;
    const e2eRow = this.e2e.total.totalRow(scale);
    // Records keyed by id have no prototype: any id, `__proto__` included, is a safe key.
    const rows = (scopes: Scope[]) => {
      const out: Record<string, MetricRow> = Object.create(null);
      for (const s of scopes) out[s.id] = s.total === this.e2e.total ? e2eRow : s.total.totalRow(scale);
      return out;
    };
    const nodes: Summary['nodes'] = Object.create(null);
    for (const n of e.nodes) {
      const row = n.total === this.e2e.total ? e2eRow : n.total.totalRow(scale);
      nodes[n.id] = { ...row, kind: NODE_KINDS[n.kind] };
    }
    const edges: Summary['edges'] = Object.create(null);
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
      simulatedSec: e.k.now / 1000,
      warmupSec: e.warmupMs / 1000,
      seed: e.seed,
      events: e.k.events,
      wallMs: this.wallMs,
      windowSec: this.windowMs / 1000,
      notices: this.notices.slice(),
      sampling: e.factor < 1 ? { factor: e.factor, kept: e.sampledKept, of: e.sampledOf } : null,
      endToEnd: {
        ...e2eRow,
        confidence: {
          meanMs: batchInterval(
            e2eRow.latencyMs.mean,
            this.batchMeans,
            this.meanSkewness(e2eRow.latencyMs.mean),
          ),
          p99Ms: batchInterval(e2eRow.latencyMs.p99, this.batchP99s, meanSkewness(this.windowP99s)),
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

/** Merges the fine buckets BIN_BUCKETS at a time (16 bins per octave, about 4–6% wide) for charts. */
function coarseHistogram(h: LogHistogram, scale: number): LatencyHistogram {
  const out: LatencyHistogram = { lowerMs: [], upperMs: [], counts: [] };
  if (h.count === 0) return out;
  if (h.zeros > 0) {
    out.lowerMs.push(0);
    out.upperMs.push(bucketLowerBound(1));
    out.counts.push(h.zeros * scale);
  }
  if (h.highest < h.lowest) return out;
  const start = 1 + Math.floor((h.lowest - 1) / BIN_BUCKETS) * BIN_BUCKETS;
  for (let b = start; b <= h.highest; b += BIN_BUCKETS) {
    let n = 0;
    for (let i = b; i < b + BIN_BUCKETS; i++) n += h.countAt(i);
    out.lowerMs.push(bucketLowerBound(b));
    out.upperMs.push(bucketLowerBound(b + BIN_BUCKETS));
    out.counts.push(n * scale);
  }
  return out;
}
