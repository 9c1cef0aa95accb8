import { describe, expect, it } from 'vitest';
import { constant, type Doc, edge, run } from '../test/simHarness.ts';

/* The shape of a request's path: parallel and sequential calls, and where the tail's time goes. */

describe('call stages', () => {
  // api (10 ms) calls b (30 ms) and c (50 ms); plenty of workers, so nothing waits and times add up
  // exactly.
  const build = (stageOfC: number): Doc => ({
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 50 } },
      { id: 'api', kind: 'service', params: { concurrency: 50, serviceTimeMs: constant(10) } },
      { id: 'b', kind: 'service', params: { concurrency: 50, serviceTimeMs: constant(30) } },
      { id: 'c', kind: 'service', params: { concurrency: 50, serviceTimeMs: constant(50) } },
    ],
    edges: [edge('users', 'api'), edge('api', 'b', { stage: 0 }), edge('api', 'c', { stage: stageOfC })],
    scenario: { durationSec: 10, seed: 23 },
  });

  it('runs calls of one stage in parallel: the slowest decides', () => {
    const { summary } = run(build(0));
    expect(summary.endToEnd.latencyMs.mean).toBeCloseTo(10 + Math.max(30, 50), 6);
    expect(summary.endToEnd.latencyMs.max).toBeCloseTo(60, 6);
  });

  it('runs stages one after another: their times add up', () => {
    const { summary } = run(build(1));
    expect(summary.endToEnd.latencyMs.mean).toBeCloseTo(10 + 30 + 50, 6);
    expect(summary.endToEnd.latencyMs.max).toBeCloseTo(90, 6);
    // Each service reports only its own work.
    expect(summary.nodes.b.latencyMs.mean).toBeCloseTo(30, 6);
    expect(summary.nodes.c.latencyMs.mean).toBeCloseTo(50, 6);
    expect(summary.nodes.api.latencyMs.mean).toBeCloseTo(90, 6);
  });
});

describe('tail attribution', () => {
  it('puts the slow, heavy-tailed service at the top of the p99 tail, with shares adding up to 1', () => {
    const { summary } = run({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 500 } },
        { id: 'fast', kind: 'service', params: { concurrency: 50, serviceTimeMs: constant(2) } },
        {
          id: 'slow',
          kind: 'service',
          params: { concurrency: 200, serviceTimeMs: { dist: 'lognormal', p50: 10, p99: 200 } },
        },
      ],
      edges: [
        edge('users', 'fast', { latencyMs: constant(1) }),
        edge('fast', 'slow', { latencyMs: constant(1) }),
      ],
      scenario: { durationSec: 20, seed: 29 },
    });
    const tail = summary.tailAttribution;
    // The tail starts at the run's p99: 2 + 2 ms of network and fast work plus slow's p99 of ~200 ms.
    expect(tail.thresholdMs).toBeGreaterThan(150);
    // ≈ 1% of 10 000 requests; the boundary bucket is counted pro rata.
    expect(tail.requests).toBeGreaterThan(60);
    expect(tail.requests).toBeLessThan(140);
    const top = tail.hops[0];
    expect(top).toMatchObject({ hop: 'slow', hopKind: 'node', phase: 'work' });
    // Above p99 a request spends ~98% of its time in slow's work (≥ 200 of ≤ 205 ms).
    expect(top.share).toBeGreaterThan(0.95);
    expect(top.meanMs).toBeGreaterThan(tail.thresholdMs ?? 0);
    const shares = tail.hops.reduce((s, h) => s + h.share, 0);
    expect(shares).toBeCloseTo(1, 9);
    // The other hops are there, with their constant times: 2 ms of fast's work, 1 ms per edge.
    const fast = tail.hops.find((h) => h.hop === 'fast' && h.phase === 'work');
    expect(fast?.meanMs).toBeCloseTo(2, 6);
    const network = tail.hops.filter((h) => h.phase === 'network');
    expect(network.map((h) => h.hop).sort()).toEqual(['fast->slow', 'users->fast']);
    for (const h of network) expect(h.meanMs).toBeCloseTo(1, 6);
  });
});
