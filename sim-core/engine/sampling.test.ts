import { describe, expect, it } from 'vitest';
import type { Distribution } from '../format/distribution.ts';
import { formatMessage } from '../messages/formatMessage.ts';
import type { Message } from '../messages/Message.ts';
import { constant, type Doc, edge, exponential, run } from '../test/simHarness.ts';

/*
 * Replica-symmetry sampling: a huge fleet is simulated as a fraction of its replicas with the same
 * fraction of the traffic, and reports what the whole fleet would show.
 */

/**
 * users → api with `replicas` single-worker replicas of `serviceMs` (exponential), each offered
 * `perReplicaRps`. The client picks a replica at random, so each replica sees a Poisson stream of
 * `perReplicaRps` in a fleet of any size: an M/M/1 queue.
 */
function fleet(replicas: number, perReplicaRps = 100, serviceMs = 5, durationSec = 10): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: perReplicaRps * replicas } },
      { id: 'api', kind: 'service', params: { replicas, serviceTimeMs: exponential(serviceMs) } },
    ],
    edges: [edge('users', 'api')],
    scenario: { durationSec, seed: 41 },
  };
}

const codes = (notices: Message[]) => notices.map((n) => n.code);
const notice = (notices: Message[], code: string) => notices.find((n) => n.code === code);

describe('sampling a huge topology', () => {
  it('runs 10 M rps over 100 000 replicas at a hundredth of the work and reports fleet-wide numbers', () => {
    const big = run(fleet(100_000)).summary;
    // 'auto' brings the offered load down to the threshold (100 000 rps): a factor of 1/100.
    expect(big.sampling).toEqual({ factor: 0.01, kept: 1, of: 100 });
    // 10⁶ simulated requests of two events each, not 10⁸.
    expect(big.events).toBeLessThan(2.2e6);

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

    // The result says what was done: which tier kept how many replicas, at which traffic factor.
    expect(big.notices).toContainEqual({
      code: 'sampling.applied',
      params: { offeredRps: 10_000_000, thresholdRps: 100_000, kept: 1, of: 100, factor: 0.01 },
    });
    expect(big.notices).toContainEqual({
      code: 'sampling.replicas',
      params: { node: 'api', kept: 1000, total: 100_000 },
    });
  });

  it('keeps replicas and traffic in the same proportion, so each replica carries its real load', () => {
    // 240 k rps over 6 replicas at ρ = 0.8 (20 µs of work each, 40 k rps per replica): the factor
    // wanted is 100 k / 240 k = 0.417, and the smallest exact one above it is 3 of 6 replicas with
    // half the traffic. M/M/1: mean sojourn 0.02 / (1 − 0.8) = 0.1 ms.
    const six = run(fleet(6, 40_000, 0.02, 3)).summary;
    expect(six.sampling).toEqual({ factor: 0.5, kept: 1, of: 2 });
    expect(notice(six.notices, 'sampling.replicas')?.params).toEqual({ node: 'api', kept: 3, total: 6 });
    // Worded as what was done, in both languages.
    const applied = notice(six.notices, 'sampling.applied');
    expect(applied && formatMessage('en', applied)).toBe(
      'Offered load about 240000 rps, above 100000: simulated 1 in 2 of the replicas of every service and of ' +
        'the shards of every database, with 1 in 2 of the traffic (×0.5); counts and rates are scaled back up.',
    );
    expect(applied && formatMessage('zh-CN', applied)).toContain('只模拟了每 2 个中的 1 个');
    const kept = notice(six.notices, 'sampling.replicas');
    expect(kept && formatMessage('en', kept)).toBe(
      'api: 3 of 6 replicas simulated, each with its real load.',
    );
    const api = six.nodes.api;
    expect(api.instancesLive).toBeCloseTo(6, 9);
    // 360 k sampled requests: the utilization's and the mean's errors are well under 1% and 3%.
    expect(api.utilization).toBeCloseTo(0.8, 2);
    expect(Math.abs((api.latencyMs.mean ?? 0) / 0.1 - 1)).toBeLessThan(0.03);

    // 4 replicas at ρ = 0.8 and 400 k rps: one replica with a quarter of the traffic, still at 0.8
    // (not one replica at 1.12, an unstable queue).
    const four = run(fleet(4, 100_000, 0.008, 3)).summary;
    expect(four.sampling).toEqual({ factor: 0.25, kept: 1, of: 4 });
    expect(four.nodes.api.utilization).toBeCloseTo(0.8, 2);
    expect(Math.abs((four.nodes.api.latencyMs.mean ?? 0) / 0.04 - 1)).toBeLessThan(0.05);
  });

  it('does not sample when no factor keeps every tier whole, and says why', () => {
    // 7 and 10 replicas have no common divisor: any fraction of the fleet would leave some replica
    // with a different load.
    const doc: Doc = {
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 200_000 } },
        {
          id: 'front',
          kind: 'service',
          params: { replicas: 7, concurrency: 100, serviceTimeMs: constant(0.01) },
        },
        {
          id: 'back',
          kind: 'service',
          params: { replicas: 10, concurrency: 100, serviceTimeMs: constant(0.01) },
        },
      ],
      edges: [edge('users', 'front'), edge('front', 'back')],
      scenario: { durationSec: 0.2, seed: 1 },
    };
    const summary = run(doc).summary;
    expect(summary.sampling).toBeNull();
    expect(summary.notices).toContainEqual({
      code: 'sampling.notExact',
      params: {
        divisor: 1,
        nodes: ['front', 'back'],
        counts: [7, 10],
        offeredRps: 200_000,
        thresholdRps: 100_000,
      },
    });
    expect(summary.nodes.front.instancesLive).toBeCloseTo(7, 9);
  });

  it('does not sample below the threshold, and samples by a forced factor made exact', () => {
    const low = run(fleet(100));
    expect(low.summary.sampling).toBeNull(); // 10 000 rps
    expect(low.summary.notices).toEqual([]);
    const half = run(fleet(100), { sampling: 0.5 }).summary;
    expect(half.sampling?.factor).toBe(0.5);
    // 50 replicas simulated, 100 reported; 5000 rps simulated, 10 000 reported (±3%, Poisson).
    expect(half.nodes.api.instancesLive).toBeCloseTo(100, 6);
    expect(half.endToEnd.throughputRps / 10_000).toBeGreaterThan(0.97);
    expect(half.endToEnd.throughputRps / 10_000).toBeLessThan(1.03);
    // 0.33 of 10 replicas is not whole: the next exact factor up is 4 of 10.
    const forced = run(fleet(10, 100, 5, 2), { sampling: 0.33 }).summary;
    expect(forced.sampling).toEqual({ factor: 0.4, kept: 2, of: 5 });
    expect(forced.notices).toContainEqual({
      code: 'sampling.forced',
      params: { requested: 0.33, kept: 2, of: 5, factor: 0.4 },
    });
  });

  it('keeps a balancer’s token-bucket burst: the rejected share is the M/D/1/b one, sampled or not', () => {
    // Poisson arrivals at 4/3 of the bucket's rate with a burst of 4 tokens: the tokens missing from
    // the bucket are an M/D/1/4 queue, which is full (the request is refused) 27.77% of the time.
    // Scaling the burst to 1 would make it M/D/1/1: ρ/(1 + ρ) = 57.1%.
    const doc: Doc = {
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 4000 } },
        {
          id: 'gate',
          kind: 'loadBalancer',
          params: { policy: 'random', rateLimitRps: 3000, burst: 4 },
        },
        {
          id: 'api',
          kind: 'service',
          params: { replicas: 40, concurrency: 100, serviceTimeMs: constant(1) },
        },
      ],
      edges: [edge('users', 'gate'), edge('gate', 'api')],
      scenario: { durationSec: 40, seed: 5 },
    };
    const share = (s: ReturnType<typeof run>['summary']) =>
      s.nodes.gate.errors.rateLimited / s.nodes.gate.arrivals;
    const sampled = run(doc, { sampling: 0.125 }).summary;
    expect(sampled.sampling?.factor).toBe(0.125);
    const off = run(doc, { sampling: 'off' }).summary;
    // 20 k sampled arrivals (the off run has 8 times more): the binomial σ is 0.3%, the bucket's
    // correlation makes it about 0.5%; allow 1.5%.
    expect(Math.abs(share(sampled) - 0.2777)).toBeLessThan(0.015);
    expect(Math.abs(share(off) - 0.2777)).toBeLessThan(0.01);
  });

  it('flags what depends on the fleet’s size, and nothing else', () => {
    const behind = (policy: 'random' | 'powerOfTwo' | 'roundRobin'): Doc => ({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 400_000 } },
        { id: 'lb', kind: 'loadBalancer', params: { policy } },
        {
          id: 'api',
          kind: 'service',
          params: { replicas: 400, concurrency: 100, serviceTimeMs: constant(0.01) },
        },
      ],
      edges: [edge('users', 'lb'), edge('lb', 'api')],
      scenario: { durationSec: 0.05, seed: 1 },
    });
    const random = run(behind('random')).summary;
    expect(random.sampling).toEqual({ factor: 0.25, kept: 1, of: 4 });
    expect(codes(random.notices)).toEqual(['sampling.applied', 'sampling.replicas']);
    for (const policy of ['powerOfTwo', 'roundRobin'] as const) {
      const flagged = run(behind(policy)).summary;
      expect(flagged.notices).toContainEqual({
        code: 'sampling.approx.policy',
        params: { node: 'lb', policy },
      });
    }
  });

  it('flags a tier called in a stream sampling reshapes: even after constant work, bursty after lognormal', () => {
    // users → a → lb → b, 2 + 2 replicas at ρ = 0.2. Constant work leaves each a replica spaced 3.33 ms
    // apart; sampled at ½ the one kept b replica takes all of one a replica's calls and never queues.
    const chain = (work: Distribution, arrival: 'poisson' | 'constant' = 'poisson'): Doc => ({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 120, arrival } },
        { id: 'a', kind: 'service', params: { replicas: 2, serviceTimeMs: work } },
        { id: 'lb', kind: 'loadBalancer', params: { policy: 'random' } },
        { id: 'b', kind: 'service', params: { replicas: 2, serviceTimeMs: constant(3.33) } },
      ],
      edges: [edge('users', 'a'), edge('a', 'lb'), edge('lb', 'b')],
      scenario: { durationSec: 60, warmupSec: 2, seed: 5 },
    });
    const approx = (notices: Message[]) => notices.filter((n) => n.code.startsWith('sampling.approx'));
    const bMeanMs = (r: ReturnType<typeof run>) => r.summary.nodes.b.latencyMs.mean ?? Number.NaN;

    const even = run(chain(constant(3.33)), { sampling: 0.5 });
    expect(approx(even.summary.notices)).toEqual([
      { code: 'sampling.approx.evenCalls', params: { node: 'a', cv: 0, targets: ['b'] } },
    ]);
    expect(bMeanMs(even)).toBeCloseTo(3.33, 6);
    const full = run(chain(constant(3.33)), { sampling: 'off' });
    expect(bMeanMs(full)).toBeGreaterThan(3.5);
    expect(full.summary.notices.filter((n) => n.code.startsWith('sampling'))).toEqual([]);

    expect(
      approx(run(chain({ dist: 'lognormal', mean: 3.33, cv: 2 }), { sampling: 0.5 }).summary.notices),
    ).toEqual([{ code: 'sampling.approx.burstyCalls', params: { node: 'a', cv: 2, targets: ['b'] } }]);
    expect(approx(run(chain(exponential(3.33)), { sampling: 0.5 }).summary.notices)).toEqual([]);
    expect(approx(run(chain(exponential(3.33), 'constant'), { sampling: 0.5 }).summary.notices)).toEqual([
      { code: 'sampling.approx.constantArrivals', params: { node: 'users', targets: ['a'] } },
    ]);
  });

  it('sizes a predictive autoscaler from the sampled arrivals: the fleet it reaches scales back whole', () => {
    // 2 000 rps of 10 ms on single workers at a 0.5 target: 40 replicas, from 10. Sampled at one half,
    // 1 000 rps reach 5 replicas that scale to 20 (min and max halved too), reported as 40.
    const scaled = (sampling: 'off' | number) =>
      run(
        {
          nodes: [
            { id: 'users', kind: 'client', params: { arrival: 'constant', rateRps: 2000 } },
            {
              id: 'api',
              kind: 'service',
              params: {
                replicas: 10,
                serviceTimeMs: constant(10),
                autoscale: {
                  min: 2,
                  max: 100,
                  targetUtilization: 0.5,
                  evaluateEverySec: 1,
                  policy: 'predictive',
                },
              },
            },
          ],
          edges: [edge('users', 'api')],
          scenario: { durationSec: 60, warmupSec: 40, seed: 3 },
        },
        { sampling },
      ).summary;
    const half = scaled(0.5);
    expect(half.sampling).toEqual({ factor: 0.5, kept: 1, of: 2 });
    expect(half.notices).toContainEqual({ code: 'sampling.approx.autoscale', params: { node: 'api' } });
    expect(half.nodes.api.instancesLive).toBeCloseTo(40, 9);
    expect(scaled('off').nodes.api.instancesLive).toBeCloseTo(40, 9);
  });
});
