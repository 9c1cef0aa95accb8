import { describe, expect, it } from 'vitest';
import { erlangC } from '../test/queueingTheory.ts';
import { type Doc, exponential, topology } from '../test/simHarness.ts';
import { findCapacity, scaleTraffic } from './capacity.ts';
import type { JsonDoc } from './paramPath.ts';
import { inProcessRunner } from './runPoint.ts';
import { parseSlo } from './slo.ts';

/** One service of `servers` exponential workers (mean `meanMs`) fed by a Poisson client at `rateRps`. */
function mmc(servers: number, meanMs: number, rateRps: number): JsonDoc {
  const doc: Doc = {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps } },
      { id: 'api', kind: 'service', params: { concurrency: servers, serviceTimeMs: exponential(meanMs) } },
    ],
    edges: [{ id: 'e1', source: 'users', target: 'api' }],
    scenario: { durationSec: 300, warmupSec: 30, seed: 5 },
  };
  return topology(doc) as unknown as JsonDoc;
}

/** p99 of the M/M/c sojourn (s): P(T > t) = (1 − C)e^{−μt} + C·(θe^{−μt} − μe^{−θt})/(θ − μ), θ = cμ − λ. */
function mmcP99(c: number, mu: number, lambda: number): number {
  const C = erlangC(c, lambda / mu);
  const theta = c * mu - lambda;
  const tail = (t: number) =>
    (1 - C) * Math.exp(-mu * t) +
    (C * (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t))) / (theta - mu);
  return bisect((t) => tail(t) - 0.01, 0, 100 / Math.min(mu, theta), -1);
}

/** The root of a monotone f on [lo, hi]; `sign` −1 when f decreases. */
function bisect(f: (x: number) => number, lo: number, hi: number, sign: 1 | -1): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (sign * f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('capacity at an SLO against queueing theory', () => {
  it('finds λ* = μ − ln(100)/SLO on M/M/1 within its 95% interval', { timeout: 600_000 }, async () => {
    // μ = 100/s, p99 < 200 ms: λ* = 100 − ln(100)/0.2 ≈ 76.97 rps, ×1.539 of the file's 50 rps.
    const theory = 100 - Math.log(100) / 0.2;
    const r = await findCapacity(
      mmc(1, 10, 50),
      { slos: [parseSlo('p99<200ms')], scale: 'clients' },
      inProcessRunner(),
    );
    expect(r.offeredRps!.low!).toBeLessThanOrEqual(theory);
    expect(r.offeredRps!.high!).toBeGreaterThanOrEqual(theory);
    expect((r.offeredRps!.high! - r.offeredRps!.low!) / 2 / theory).toBeLessThan(0.03);
    expect(r.bottleneck?.id).toBe('api');
    // At capacity the server runs at λ*/μ.
    expect(r.bottleneck!.utilization!).toBeCloseTo(theory / 100, 1);
    // The knee: p99 grows with load and crosses the SLO around the capacity.
    const p99 = r.knee.map((k) => k.p99Ms.mean!);
    expect(p99[0]).toBeLessThan(p99[p99.length - 1]);
    expect(r.knee.find((k) => k.factor === r.factor.mean)!.slo[0].mean!).toBeCloseTo(200, -2);
  });

  it('finds the M/M/c closed form on M/M/3', { timeout: 600_000 }, async () => {
    // μ = 1/30 ms per worker, 3 workers, p99 < 150 ms.
    const mu = 1000 / 30;
    const theory = bisect((lambda) => mmcP99(3, mu, lambda) - 0.15, 1, 3 * mu - 1e-6, 1);
    const r = await findCapacity(
      mmc(3, 30, 40),
      { slos: [parseSlo('p99<150ms')], scale: 'users' },
      inProcessRunner(),
    );
    expect(r.offeredRps!.low!).toBeLessThanOrEqual(theory);
    expect(r.offeredRps!.high!).toBeGreaterThanOrEqual(theory);
    expect((r.offeredRps!.high! - r.offeredRps!.low!) / 2 / theory).toBeLessThan(0.04);
  });

  it('scales every client or one, and refuses a scale that names no client', () => {
    const doc = mmc(1, 10, 50);
    const scaled = scaleTraffic(doc, 'users', 2) as { nodes: { params: { rateRps?: number } }[] };
    expect(scaled.nodes[0].params.rateRps).toBe(100);
    expect(() => scaleTraffic(doc, 'api', 2)).toThrow('analysis.scale.noClient');
  });
});
