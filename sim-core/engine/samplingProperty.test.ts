import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WindowStats } from '../results/types.ts';
import { type Doc, edge, type NodeInput, run } from '../test/simHarness.ts';

/*
 * Sampling is exact where it is applied: on random topologies that sampling accepts without a flag
 * (tiers whose replica counts share a divisor, random balancing), each replica's statistics with a
 * sampled run and with sampling off agree within their confidence intervals; where a notice flags a
 * tier as approximate, that tier is not compared.
 */

const WARMUP_SEC = 2;
const BATCHES = 20;
/**
 * How far apart (in combined standard errors) two estimates of one quantity may be. About a hundred
 * comparisons are made; at 4.5 σ a false alarm has odds of about 1 in 1500 over the whole test, and
 * its runs are fixed by the seed.
 */
const Z = 4.5;

interface Estimate {
  value: number;
  se: number;
}

/** A ratio Σnum / Σden over the windows after warm-up, with its batch-means standard error. */
function estimate(windows: WindowStats[], pick: (w: WindowStats) => [number, number]): Estimate {
  const after = windows.filter((w) => w.startSec >= WARMUP_SEC - 1e-9);
  const size = Math.floor(after.length / BATCHES);
  const ratios: number[] = [];
  let num = 0;
  let den = 0;
  for (let b = 0; b < BATCHES; b++) {
    let n = 0;
    let d = 0;
    for (const w of after.slice(b * size, (b + 1) * size)) {
      const [x, y] = pick(w);
      n += x;
      d += y;
    }
    ratios.push(n / d);
    num += n;
    den += d;
  }
  const mean = ratios.reduce((a, x) => a + x, 0) / BATCHES;
  const variance = ratios.reduce((a, x) => a + (x - mean) ** 2, 0) / (BATCHES - 1);
  return { value: num / den, se: Math.sqrt(variance / BATCHES) };
}

/** Per replica: utilization, mean latency and throughput of node `id`, by window. */
function perReplica(windows: WindowStats[], id: string) {
  const row = (w: WindowStats) => w.nodes[id];
  return {
    utilization: estimate(windows, (w) => [row(w).utilization ?? 0, 1]),
    meanMs: estimate(windows, (w) => [(row(w).latencyMs.mean ?? 0) * row(w).completions, row(w).completions]),
    throughputRps: estimate(windows, (w) => [row(w).throughputRps, row(w).instancesLive ?? 0]),
  };
}

/** A chain users → [gate] → a → [b], each tier a multiple of `divisor` replicas, ρ per replica given. */
const chains = fc
  .record({
    divisor: fc.integer({ min: 2, max: 4 }),
    aUnits: fc.integer({ min: 1, max: 3 }),
    bUnits: fc.integer({ min: 1, max: 3 }),
    withB: fc.boolean(),
    gate: fc.boolean(),
    perReplicaRps: fc.integer({ min: 60, max: 200 }),
    rhoA: fc.integer({ min: 20, max: 70 }).map((x) => x / 100),
    rhoB: fc.integer({ min: 20, max: 70 }).map((x) => x / 100),
    concurrency: fc.integer({ min: 1, max: 2 }),
    dist: fc.constantFrom('exponential', 'constant', 'erlang'),
    seed: fc.integer({ min: 1, max: 1000 }),
  })
  .map((p) => {
    const a = p.divisor * p.aUnits;
    const b = p.divisor * p.bUnits;
    const rate = p.perReplicaRps * a;
    const work = (rho: number, replicas: number) => {
      const mean = (1000 * rho * p.concurrency * replicas) / rate;
      return p.dist === 'constant'
        ? { dist: 'constant' as const, value: mean }
        : p.dist === 'erlang'
          ? { dist: 'erlang' as const, k: 2, mean }
          : { dist: 'exponential' as const, mean };
    };
    const nodes: NodeInput[] = [
      { id: 'users', kind: 'client', params: { rateRps: rate } },
      {
        id: 'a',
        kind: 'service',
        params: { replicas: a, concurrency: p.concurrency, serviceTimeMs: work(p.rhoA, a) },
      },
    ];
    const edges = [];
    if (p.gate) {
      nodes.push({ id: 'gate', kind: 'loadBalancer', params: { policy: 'random' } });
      edges.push(edge('users', 'gate'), edge('gate', 'a'));
    } else edges.push(edge('users', 'a'));
    if (p.withB) {
      nodes.push({
        id: 'b',
        kind: 'service',
        params: { replicas: b, concurrency: p.concurrency, serviceTimeMs: work(p.rhoB, b) },
      });
      edges.push(edge('a', 'b'));
    }
    const doc: Doc = {
      nodes,
      edges,
      scenario: { durationSec: 22, warmupSec: WARMUP_SEC, windowSec: 0.5, seed: p.seed },
    };
    // Constant and Erlang work leaves a in a stream more even than Poisson, which sampling keeps more
    // of (sampling.approx.evenCalls): b is then approximate, and flagged.
    const even = p.withB && p.dist !== 'exponential';
    return {
      doc,
      divisor: p.divisor,
      services: p.withB && !even ? ['a', 'b'] : ['a'],
      flags: even ? ['sampling.approx.evenCalls'] : [],
    };
  });

describe('replica-symmetry sampling', () => {
  it('gives each replica the statistics of the unsampled fleet, within their confidence intervals', () => {
    fc.assert(
      fc.property(chains, ({ doc, divisor, services, flags }) => {
        const sampled = run(doc, { sampling: 1 / divisor });
        const off = run(doc, { sampling: 'off' });
        expect(sampled.summary.sampling).toEqual({ factor: 1 / divisor, kept: 1, of: divisor });
        const approximate = sampled.summary.notices.filter((n) => n.code.startsWith('sampling.approx'));
        expect(approximate.map((n) => n.code)).toEqual(flags);
        for (const id of services) {
          const s = perReplica(sampled.windows, id);
          const o = perReplica(off.windows, id);
          for (const stat of ['utilization', 'meanMs', 'throughputRps'] as const) {
            const gap = Math.abs(s[stat].value - o[stat].value);
            const allowed = Z * Math.hypot(s[stat].se, o[stat].se);
            expect(gap, `${id} ${stat}: sampled ${s[stat].value}, off ${o[stat].value}`).toBeLessThanOrEqual(
              allowed,
            );
          }
        }
      }),
      { numRuns: 8, seed: 12 },
    );
  });
});
