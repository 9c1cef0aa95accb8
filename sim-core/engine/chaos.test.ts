import { describe, expect, it } from 'vitest';
import { constant, type Doc, edge, run, topology, windowsIn } from '../test/simHarness.ts';
import { createSimulation } from './createSimulation.ts';

/* Chaos events at the edges of their semantics: what is killed, what keeps sending, what is refused. */

describe('killing a replica while it works', () => {
  // 100 rps of 100 ms constant work over a 100 ms round trip (50 ms each way); the only replica dies
  // at 5.5 s and is back at 7.5 s.
  const doc: Doc = {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 100 } },
      { id: 'api', kind: 'service', params: { concurrency: 50, serviceTimeMs: constant(100) } },
    ],
    edges: [edge('users', 'api', { latencyMs: constant(100) })],
    scenario: {
      durationSec: 10,
      seed: 3,
      events: [{ type: 'killInstances', atSec: 5.5, durationSec: 2, target: 'api', count: 1 }],
    },
  };

  // Regression: a job failed by the kill while its answer travelled back (`calls.back > 0`) kept its
  // generation, so its pending `workDone` still ran: `busy` went below zero and the job finished a
  // second time as a success. `finishJob` now gives a responding job a new generation.
  it('fails every job on it exactly once, and nothing comes back from the dead replica', () => {
    const { summary, windows } = run(doc);
    const api = summary.nodes.api;
    // Each arrival finishes at most once: what has not finished is still in flight (≥ 0).
    expect(api.inFlight).toBeGreaterThanOrEqual(0);
    expect(api.completions + api.errors.total).toBeLessThanOrEqual(api.arrivals);
    for (const w of windows) expect(w.nodes.api.utilization ?? 0).toBeGreaterThanOrEqual(0);
    // Nothing can complete between the kill and the restart (5.5 s → 7.5 s, plus the 200 ms a request
    // takes end to end): window 6 has no successes.
    expect(windows[6].endToEnd.completions).toBe(0);
    // The ~10 requests working at 5.5 s all fail (none is turned into a success).
    expect(summary.endToEnd.errors.deadInstance).toBe(api.errors.deadInstance);
  });

  it('without a return trip, fails the jobs present once each', () => {
    const direct = { ...doc, edges: [edge('users', 'api')] };
    const { summary, windows } = run(direct);
    const api = summary.nodes.api;
    expect(api.completions + api.errors.total + api.inFlight).toBe(api.arrivals);
    // The ~10 requests working at the kill, then everything sent in the 2 s the replica is down.
    expect(api.errors.deadInstance).toBeGreaterThan(150);
    for (const w of windows) expect(w.nodes.api.utilization ?? 0).toBeGreaterThanOrEqual(0);
    for (const w of windowsIn(windows, 6, 7)) expect(w.endToEnd.completions).toBe(0);
  });
});

describe('a region outage and its clients', () => {
  const doc = (arrival: 'poisson' | 'closed'): Doc => ({
    regions: [{ id: 'eu' }],
    nodes: [
      {
        id: 'users',
        kind: 'client',
        region: 'eu',
        params: arrival === 'closed' ? { arrival, users: 10, thinkTimeMs: constant(90) } : { rateRps: 100 },
      },
      { id: 'api', kind: 'service', params: { concurrency: 50, serviceTimeMs: constant(10) } },
    ],
    edges: [edge('users', 'api')],
    scenario: {
      durationSec: 10,
      seed: 3,
      events: [
        { type: 'killRegion', atSec: 3, durationSec: 4, region: 'eu' },
        // A surge elsewhere in the scenario must not wake the dead region's clients.
        { type: 'trafficMultiplier', atSec: 4, durationSec: 1, factor: 2 },
      ],
    },
  });

  it('silences an open client in the dead region, even through a traffic multiplier', () => {
    const { windows } = run(doc('poisson'));
    for (const w of windowsIn(windows, 3, 7)) expect(w.endToEnd.arrivals).toBe(0);
    // Back to ~100 a second after the revert at 7 s.
    for (const w of windowsIn(windows, 7, 10)) expect(w.endToEnd.arrivals).toBeGreaterThan(60);
  });

  it('stops closed-loop users at their next request and brings them back with the region', () => {
    // 10 users, each 10 ms of work + 90 ms of thought: 100 requests a second.
    const { windows } = run(doc('closed'));
    for (const w of windowsIn(windows, 0, 3)) expect(w.endToEnd.arrivals).toBeCloseTo(100, -1);
    for (const w of windowsIn(windows, 3, 7)) expect(w.endToEnd.arrivals).toBe(0);
    for (const w of windowsIn(windows, 8, 10)) expect(w.endToEnd.arrivals).toBeCloseTo(100, -1);
  });
});

describe('injected latency on a node that does no work of its own', () => {
  it('slows the calls into a load balancer or a cache', () => {
    const build = (target: string): Doc => ({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 100 } },
        { id: 'lb', kind: 'loadBalancer', params: {} },
        { id: 'cache', kind: 'cache', params: { hitRatio: 1 } },
      ],
      edges: [edge('users', 'lb'), edge('lb', 'cache')],
      scenario: { durationSec: 5, seed: 1, events: [{ type: 'injectLatency', atSec: 0, target, addMs: 40 }] },
    });
    // Everything else takes no time, so end to end is exactly the injected 40 ms.
    for (const target of ['lb', 'cache', 'lb->cache']) {
      expect(run(build(target)).summary.endToEnd.latencyMs.mean, target).toBeCloseTo(40, 6);
    }
  });
});

describe('applyEvent with a target of the wrong kind', () => {
  it('throws a RangeError at once instead of failing later inside the run', () => {
    const sim = createSimulation(
      topology({
        nodes: [
          { id: 'users', kind: 'client', params: { rateRps: 100 } },
          { id: 'api', kind: 'service', params: { serviceTimeMs: constant(1) } },
        ],
        edges: [edge('users', 'api')],
        scenario: { durationSec: 5 },
      }),
    );
    sim.runUntil(1);
    expect(() => sim.applyEvent({ type: 'cacheFlush', atSec: 0, target: 'api' })).toThrow(RangeError);
    expect(() => sim.applyEvent({ type: 'killInstances', atSec: 0, target: 'users', count: 1 })).toThrow(
      RangeError,
    );
    expect(() => sim.applyEvent({ type: 'trafficMultiplier', atSec: 0, target: 'api', factor: 2 })).toThrow(
      RangeError,
    );
    expect(() => sim.runUntil(sim.endSec)).not.toThrow();
    expect(sim.summary().endToEnd.errors.total).toBe(0);
  });
});

describe('killing shard primaries (killInstances role "primary")', () => {
  // 1000 writes/s, evenly spaced, to one shard of 3 instances; its primary dies at 5 s.
  const doc = (failoverSec: number, role?: 'primary'): Doc => ({
    nodes: [
      { id: 'users', kind: 'client', params: { arrival: 'constant', rateRps: 1000 } },
      {
        id: 'etcd',
        kind: 'database',
        params: {
          replicasPerShard: 3,
          readRatio: 0,
          failoverSec,
          concurrency: 10,
          serviceTimeMs: constant(1),
        },
      },
    ],
    edges: [edge('users', 'etcd')],
    scenario: {
      durationSec: 10,
      seed: 5,
      events: [{ type: 'killInstances', atSec: 5, target: 'etcd', count: 1, ...(role ? { role } : {}) }],
    },
  });

  it('fails writes for exactly the election time', () => {
    for (const failoverSec of [2.1, 0.387]) {
      const { summary } = run(doc(failoverSec, 'primary'));
      // Every write in the election fails at once as deadInstance: 1000/s × failoverSec, ± the
      // request in flight at the kill.
      expect(Math.abs(summary.endToEnd.errors.deadInstance - 1000 * failoverSec)).toBeLessThanOrEqual(2);
      const failover = summary.eventsApplied.filter((a) => a.type === 'failover');
      expect(failover).toHaveLength(1);
      expect(failover[0].atSec).toBeCloseTo(5 + failoverSec, 6);
    }
  });

  it('kills the primaries of a fraction of the shards, never a non-primary', () => {
    const d = doc(1, 'primary');
    const db = d.nodes[1];
    if (db.kind === 'database') db.params = { ...db.params, shards: 10 };
    d.scenario.events = [{ type: 'killInstances', atSec: 5, target: 'etcd', fraction: 0.3, role: 'primary' }];
    const { summary } = run(d);
    expect(summary.eventsApplied.filter((a) => a.type === 'failover')).toHaveLength(3);
    expect(summary.eventsApplied.find((a) => a.type === 'killInstances')?.detail).toEqual({
      code: 'event.killedPrimaries',
      params: { killed: 3, shards: 10 },
    });
  });

  it('is refused on a service, in a file and live', () => {
    const d: Doc = {
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 1 } },
        { id: 'api', kind: 'service', params: { serviceTimeMs: constant(1) } },
      ],
      edges: [edge('users', 'api')],
      scenario: {
        durationSec: 10,
        events: [{ type: 'killInstances', atSec: 1, target: 'api', count: 1, role: 'primary' }],
      },
    };
    expect(() => topology(d)).toThrow(/scenario\.events\[0\]\.role: "primary" needs a database target/);
    const sim = createSimulation(topology({ ...d, scenario: { durationSec: 10 } }));
    expect(() => sim.applyEvent({ type: 'killInstances', target: 'api', count: 1, role: 'primary' })).toThrow(
      /role "primary" needs a database/,
    );
  });
});
