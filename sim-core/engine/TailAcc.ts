import { bucketOf, type LogHistogram } from '../stats/LogHistogram.ts';
import type { Engine } from './Engine.ts';

/** Fine histogram buckets per coarse tail bucket: 16 fine buckets make one of about 13% width. */
const COARSE_SHIFT = 4;
const PHASE_COUNT = 5;

/**
 * Where the tail's time goes. Every successful request after warm-up adds its critical path (hop, phase,
 * ms) into the accumulator of its latency's coarse bucket; the summary adds up the buckets above the
 * run's p99 (the boundary bucket pro rata, from the fine end-to-end histogram). Memory follows the
 * number of latency buckets touched, never the number of requests.
 */
export class TailAcc {
  /** Indexed by coarse bucket; created on first use. */
  private readonly buckets: ({ count: number; ms: Float64Array } | undefined)[] = [];

  constructor(private readonly hops: number) {}

  /** Adds a request whose end-to-end latency fell in histogram bucket `bucket` (see LogHistogram). */
  add(e: Engine, fineBucket: number, head: number): void {
    const key = fineBucket >> COARSE_SHIFT;
    let bucket = this.buckets[key];
    if (bucket === undefined) {
      bucket = { count: 0, ms: new Float64Array(this.hops * PHASE_COUNT) };
      this.buckets[key] = bucket;
    }
    bucket.count++;
    const segs = e.segs;
    const nodes = e.nodes.length;
    for (let s = head; s >= 0; s = segs.next[s]) {
      const hop = segs.hop[s];
      const h = hop >= 0 ? hop : nodes - 1 - hop;
      bucket.ms[h * PHASE_COUNT + segs.phase[s]] += segs.ms[s];
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
    const sums = new Float64Array(this.hops * PHASE_COUNT);
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
          all += e2e.counts[b] ?? 0;
          if (b >= fine) above += e2e.counts[b] ?? 0;
        }
        weight = all > 0 ? above / all : 0;
      }
      if (weight === 0) continue;
      requests += bucket.count * weight;
      for (let i = 0; i < sums.length; i++) sums[i] += bucket.ms[i] * weight;
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
