import { describe, expect, it } from 'vitest';
import { erlangC } from '../test/queueingTheory.ts';
import { constant, type Doc, edge, exponential, topology } from '../test/simHarness.ts';
import { analyticEstimate } from './estimate.ts';

/**
 * A Jackson network: Poisson clients, a random balancer, exponential FIFO servers with unbounded
 * rooms, Bernoulli routing (a call probability, a fixed-ratio cache). Jackson's theorem makes every
 * node an independent M/M/c queue at its flow-balance rate; the expected values are worked out here by
 * hand from the closed forms, independently of the module.
 */
function jacksonDoc(dbConcurrency = 4, dbMeanMs = 8, policy: 'random' | 'roundRobin' = 'random'): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 120 } },
      { id: 'lb', kind: 'loadBalancer', params: { policy, overheadMs: constant(0.5) } },
      { id: 'a', kind: 'service', params: { replicas: 2, concurrency: 2, serviceTimeMs: exponential(20) } },
      { id: 'b', kind: 'service', params: { serviceTimeMs: exponential(5) } },
      { id: 'cache', kind: 'cache', params: { hitRatio: 0.8, hitLatencyMs: constant(1) } },
      {
        id: 'db',
        kind: 'database',
        params: { concurrency: dbConcurrency, serviceTimeMs: exponential(dbMeanMs) },
      },
    ],
    edges: [
      edge('users', 'lb'),
      edge('lb', 'a', { weight: 3 }),
      edge('lb', 'b', { weight: 1 }),
      edge('a', 'db', { probability: 0.5, latencyMs: constant(2) }),
      edge('b', 'cache'),
      edge('cache', 'db'),
    ],
    scenario: { durationSec: 100 },
  };
}

/** M/M/c mean sojourn in seconds: Erlang C wait plus the service. */
const sojournSec = (lambda: number, mu: number, c: number) =>
  erlangC(c, lambda / mu) / (c * mu - lambda) + 1 / mu;

describe('the analytic estimate on a product-form network', () => {
  it('gives flow-balance rates and utilizations, and Jackson means equal to the closed forms', () => {
    const r = analyticEstimate(topology(jacksonDoc()));
    expect(r.productForm).toBe(true);
    expect(r.reasons).toEqual([]);
    const { a, b, db, cache, lb } = r.nodes;
    expect([lb.arrivalRps, a.arrivalRps, b.arrivalRps, cache.arrivalRps]).toEqual([120, 90, 30, 30]);
    expect(db.arrivalRps).toBeCloseTo(90 * 0.5 + 30 * 0.2, 12);
    expect(a.utilization).toBeCloseTo((90 * 0.02) / 4, 12);
    expect(b.utilization).toBeCloseTo(30 * 0.005, 12);
    expect(db.utilization).toBeCloseTo((51 * 0.008) / 4, 12);

    const wa = sojournSec(45, 50, 2) * 1000;
    const wb = (1 / (200 - 30)) * 1000;
    const wdb = sojournSec(51, 125, 4) * 1000;
    expect(a.jackson!.sojournMs).toBeCloseTo(wa, 9);
    expect(b.jackson!.sojournMs).toBeCloseTo(wb, 9);
    expect(db.jackson!.sojournMs).toBeCloseTo(wdb, 9);
    expect(db.jackson!.waitMs).toBeCloseTo(wdb - 8, 9);
    // Along the way: the balancer's overhead, a's call to db half the time (2 ms round trip), b's
    // cache answering 80 % of lookups in 1 ms and sending the rest to db.
    const endToEnd = 0.5 + 0.75 * (wa + 0.5 * (2 + wdb)) + 0.25 * (wb + 0.8 * 1 + 0.2 * wdb);
    expect(r.endToEndMeanMs).toBeCloseTo(endToEnd, 9);
    // A node's latency as the engine records it: its sojourn and the round trips of its calls.
    expect(a.jackson!.responseMs).toBeCloseTo(wa + 0.5 * (2 + wdb), 9);
    expect(b.jackson!.responseMs).toBeCloseTo(wb + 0.8 * 1 + 0.2 * wdb, 9);
    expect(db.jackson!.responseMs).toBeCloseTo(wdb, 9);
  });

  it('flags a node at ρ ≥ 1 as unstable and gives no means then', () => {
    const r = analyticEstimate(topology(jacksonDoc(1, 25)));
    expect(r.nodes.db.utilization).toBeCloseTo(51 * 0.025, 12);
    expect(r.nodes.db.unstable).toBe(true);
    expect(r.unstable).toEqual(['db']);
    expect(r.nodes.db.jackson).toBeNull();
    expect(r.nodes.a.unstable).toBe(false);
    expect(r.endToEndMeanMs).toBeNull();
  });

  it('says why a network is not product-form and keeps the flow balance', () => {
    const r = analyticEstimate(topology(jacksonDoc(4, 8, 'roundRobin')));
    expect(r.productForm).toBe(false);
    expect(r.reasons).toContainEqual({ code: 'estimate.notProductForm.balancer', params: { id: 'lb' } });
    expect(r.nodes.a.jackson).toBeNull();
    expect(r.nodes.a.utilization).toBeCloseTo(0.45, 12);
  });

  it('puts a shard primary’s writes on one instance', () => {
    const doc = jacksonDoc();
    doc.nodes[5] = {
      id: 'db',
      kind: 'database',
      params: { shards: 2, replicasPerShard: 3, readRatio: 0.7, serviceTimeMs: exponential(8) },
    };
    const r = analyticEstimate(topology(doc));
    const perInstanceReads = (51 * 0.7) / 6;
    const primaryWrites = (51 * 0.3) / 2;
    expect(r.nodes.db.utilization).toBeCloseTo((51 * 0.008) / 6, 12);
    expect(r.nodes.db.peakUtilization).toBeCloseTo((perInstanceReads + primaryWrites) * 0.008, 12);
  });
});

/**
 * The finite-source (machine repair) queue, M/M/c//N: N users thinking for Z on average, c servers of
 * mean S. P(k at the server) ∝ N!/(N−k)! (S/Z)^k / β_k with β_k = k! (k ≤ c) or c!·c^(k−c); the
 * throughput is Σ P(k)·min(k, c)/S. A closed form, independent of the MVA recursion.
 */
function machineRepair(users: number, thinkMs: number, serviceMs: number, c: number) {
  const weights: number[] = [];
  let w = 1;
  for (let k = 0; k <= users; k++) {
    if (k > 0) w *= ((users - k + 1) * (serviceMs / thinkMs)) / Math.min(k, c);
    weights.push(w);
  }
  const total = weights.reduce((s, x) => s + x, 0);
  const throughputPerMs = weights.reduce((s, x, k) => s + (x / total) * (Math.min(k, c) / serviceMs), 0);
  return { throughputRps: throughputPerMs * 1000, responseMs: users / throughputPerMs - thinkMs };
}

describe('the analytic estimate on a closed network (mean-value analysis)', () => {
  it.each([
    [8, 50, 10, 1],
    [12, 40, 25, 3],
  ])(
    '%i users thinking %i ms, service %i ms on %i workers: the M/M/c//N closed form',
    (users, thinkMs, serviceMs, c) => {
      const doc: Doc = {
        nodes: [
          {
            id: 'users',
            kind: 'client',
            params: { arrival: 'closed', users, thinkTimeMs: exponential(thinkMs) },
          },
          { id: 'api', kind: 'service', params: { concurrency: c, serviceTimeMs: exponential(serviceMs) } },
        ],
        // A 2 ms round trip: a pure delay, which adds to the users' think time in the closed form.
        edges: [edge('users', 'api', { latencyMs: constant(2) })],
        scenario: { durationSec: 100 },
      };
      const r = analyticEstimate(topology(doc));
      const theory = machineRepair(users, thinkMs + 2, serviceMs, c);
      expect(r.productForm).toBe(true);
      expect(r.nodes.api.arrivalRps).toBeCloseTo(theory.throughputRps, 9);
      expect(r.nodes.api.utilization).toBeCloseTo((theory.throughputRps * serviceMs) / 1000 / c, 9);
      expect(r.nodes.api.jackson!.sojournMs).toBeCloseTo(theory.responseMs, 9);
      expect(r.endToEndMeanMs).toBeCloseTo(theory.responseMs + 2, 9);
    },
  );
});
