import { describe, expect, it } from 'vitest';
import { type Doc, edge, exponential, run } from '../test/simHarness.ts';

/*
 * Replica-symmetry sampling: a huge fleet is simulated as a fraction of its replicas with the same
 * fraction of the traffic, and reports what the whole fleet would show.
 */

/**
 * users → api with `replicas` single-worker replicas of 5 ms (exponential), each offered 100 rps:
 * ρ = 0.5 per replica whatever the fleet size. The client picks a replica at random, so each replica
 * sees a Poisson stream of 100 rps in a fleet of any size: an M/M/1 queue.
 */
function fleet(replicas: number): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 100 * replicas } },
      { id: 'api', kind: 'service', params: { replicas, serviceTimeMs: exponential(5) } },
    ],
    edges: [edge('users', 'api')],
    scenario: { durationSec: 10, seed: 41 },
  };
}

describe('sampling a huge topology', () => {
  it('runs 10 M rps over 100 000 replicas quickly and reports fleet-wide numbers', () => {
    const t0 = performance.now();
    const big = run(fleet(100_000)).summary;
    const wallMs = performance.now() - t0;
    // 'auto' brings the offered load down to the threshold (100 000 rps): a factor of 1/100.
    expect(big.sampling).not.toBeNull();
    expect(big.sampling?.factor).toBeCloseTo(0.01, 9);
    // 10⁶ simulated requests; generous for a slow CI machine.
    expect(wallMs).toBeLessThan(8000);

    // Counts are scaled back: 10 M rps, ±1% (the sampled Poisson count of 10⁶ has σ = 0.1%).
    expect(big.endToEnd.throughputRps).toBeGreaterThan(0.99e7);
    expect(big.endToEnd.throughputRps).toBeLessThan(1.01e7);
    expect(big.nodes.api.arrivals).toBeGreaterThan(0.99e8);
    expect(big.nodes.api.arrivals).toBeLessThan(1.01e8);
    expect(big.nodes.api.instancesLive).toBeCloseTo(100_000, 3);
    expect(big.nodes.api.utilization).toBeCloseTo(0.5, 2);

    // Per-node latency matches an unsampled fleet of 300 replicas at the same per-replica load, and
    // M/M/1 theory: sojourn ~ Exp(mean 5 / (1 - 0.5) = 10 ms), p99 = 10 · ln 100 ≈ 46.05 ms.
    const small = run(fleet(300), { sampling: 'off' }).summary;
    expect(small.sampling).toBeNull();
    const p99 = 10 * Math.log(100);
    const bigP99 = big.nodes.api.latencyMs.p99 ?? 0;
    const smallP99 = small.nodes.api.latencyMs.p99 ?? 0;
    // Each estimate rests on 3·10⁵ (small) or 10⁶ (big) samples: under 1% standard error for a p99,
    // even with the queue's autocorrelation (over seeds 1-3 and 41 the two p99s and theory agree within
    // 1.1%). Allow 4%.
    expect(Math.abs(bigP99 / smallP99 - 1)).toBeLessThan(0.04);
    expect(Math.abs(bigP99 / p99 - 1)).toBeLessThan(0.04);
    expect(Math.abs((big.nodes.api.latencyMs.mean ?? 0) / 10 - 1)).toBeLessThan(0.02);
    expect(Math.abs((small.nodes.api.latencyMs.mean ?? 0) / 10 - 1)).toBeLessThan(0.03);
  });

  it('does not sample below the threshold, and samples by a forced factor', () => {
    expect(run(fleet(100)).summary.sampling).toBeNull(); // 10 000 rps
    const half = run(fleet(100), { sampling: 0.5 }).summary;
    expect(half.sampling?.factor).toBe(0.5);
    // 50 replicas simulated, 100 reported; 5000 rps simulated, 10 000 reported (±3%, Poisson).
    expect(half.nodes.api.instancesLive).toBeCloseTo(100, 6);
    expect(half.endToEnd.throughputRps / 10_000).toBeGreaterThan(0.97);
    expect(half.endToEnd.throughputRps / 10_000).toBeLessThan(1.03);
  });
});
