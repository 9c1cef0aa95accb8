import { bucketOf, type LogHistogram } from '../stats/LogHistogram.ts';
import type { World } from './World.ts';

/** Fine histogram buckets per coarse tail bucket: 8 fine buckets (an eighth of an octave) make one of about 9–13% width. */
const COARSE_SHIFT = 3;
const PHASE_COUNT = 5;
/** Above this many (hop, phase) slots a bucket keeps only the slots its requests touched. */
const DENSE_SLOTS = 4096;

/** Time per (hop, phase) slot of one latency bucket: dense for small topologies, sparse for large ones. */
interface Bucket {
  count: number;
  dense: Float64Array | null;
  sparse: Map<number, number> | null;
}

/**
 * Where the tail's time goes. Every successful request after warm-up adds its critical path (hop, phase,
 * ms) into the accumulator of its latency's coarse bucket; the summary adds up the buckets above the
 * run's p99 (the boundary bucket pro rata, from the fine end-to-end histogram). Memory follows the
 * number of latency buckets touched, never the number of requests.
 */
export class TailAcc {
  /** Indexed by coarse bucket; created on first use. */
  private readonly buckets: (Bucket | undefined)[] = [];
  private readonly slots: number;

  constructor(hops: number) {
    this.slots = hops * PHASE_COUNT;
  }

  /** Adds a request whose end-to-end latency fell in histogram bucket `bucket` (see LogHistogram). */
  add(e: World, fineBucket: number, head: number): void {
    const key = fineBucket >> COARSE_SHIFT;
    let bucket = this.buckets[key];
    if (bucket === undefined) {
      const dense = this.slots <= DENSE_SLOTS;
      bucket = {
        count: 0,
        dense: dense ? new Float64Array(this.slots) : null,
        sparse: dense ? null : new Map(),
      };
      this.buckets[key] = bucket;
    }
    bucket.count++;
    const segs = e.segs;
    const nodes = e.nodes.length;
    const dense = bucket.dense;
    const sparse = bucket.sparse;
    for (let s = head; s >= 0; s = segs.next[s]) {
      const hop = segs.hop[s];
      const slot = (hop >= 0 ? hop : nodes - 1 - hop) * PHASE_COUNT + segs.phase[s];
      if (dense !== null) dense[slot] += segs.ms[s];
      else if (sparse !== null) sparse.set(slot, (sparse.get(slot) ?? 0) + segs.ms[s]);
    }
  }

  attribution(
    thresholdMs: number | null,
    e2e: LogHistogram,
    _nodes: number,
  ): { requests: number; hops: { hop: number; phase: number; share: number; meanMs: number }[] } {
    if (thresholdMs === null) return { requests: 0, hops: [] };
    const fine = bucketOf(thresholdMs);
    const edge = fine >> COARSE_SHIFT;
    const sums = new Float64Array(this.slots);
    let requests = 0;
    for (let key = 0; key < this.buckets.length; key++) {
      const bucket = this.buckets[key];
      if (bucket === undefined) continue;
      let weight = 0;
      if (key > edge) weight = 1;
      else if (key === edge) {
        let above = 0;
        let all = 0;
        for (let b = key << COARSE_SHIFT; b < (key + 1) << COARSE_SHIFT; b++) {
          const n = e2e.countAt(b);
          all += n;
          if (b >= fine) above += n;
        }
        weight = all > 0 ? above / all : 0;
      }
      if (weight === 0) continue;
      requests += bucket.count * weight;
      if (bucket.dense !== null) for (let i = 0; i < sums.length; i++) sums[i] += bucket.dense[i] * weight;
      else for (const [slot, ms] of bucket.sparse ?? []) sums[slot] += ms * weight;
    }
    let total = 0;
    for (let i = 0; i < sums.length; i++) total += sums[i];
    const hops = [];
    for (let i = 0; i < sums.length; i++) {
      if (sums[i] <= 0) continue;
      hops.push({
        hop: Math.floor(i / PHASE_COUNT),
        phase: i % PHASE_COUNT,
        share: sums[i] / total,
        meanMs: requests > 0 ? sums[i] / requests : 0,
      });
    }
    hops.sort((a, b) => b.share - a.share);
    return { requests: Math.round(requests), hops };
  }
}
