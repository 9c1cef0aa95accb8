import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../results/types.ts';
import { constant, type Doc, edge, run, topology } from '../test/simHarness.ts';
import { createSimulation } from './createSimulation.ts';

/** Minimal cases of the bugs the property tests (properties.test.ts) found, each fixed. */

/** arrivals = completions + errors + in flight, and nothing negative. */
function expectConserved(row: MetricRow, what: string): void {
  expect(row.inFlight, `${what} in flight`).toBeGreaterThanOrEqual(0);
  expect(row.arrivals, `${what} arrivals`).toBe(row.completions + row.errors.total + row.inFlight);
}

describe('fixed', () => {
  it("reports a client node's own counts when there are several clients", () => {
    // Each window used to close a client's accumulator twice (as a client and as a node): the node row
    // showed zeros and the run total counted every window's span twice, halving the throughput.
    const { summary, windows } = run({
      nodes: [
        { id: 'web', kind: 'client', params: { arrival: 'constant', rateRps: 100 } },
        { id: 'app', kind: 'client', params: { arrival: 'constant', rateRps: 50 } },
        { id: 'api', kind: 'service', params: { serviceTimeMs: constant(1) } },
      ],
      edges: [edge('web', 'api'), edge('app', 'api')],
      scenario: { durationSec: 5 },
    });
    for (const w of windows) expect(w.nodes.web).toEqual(w.clients.web);
    expect(summary.clients.web.throughputRps).toBeCloseTo(100, -1);
    expect(summary.nodes.app.throughputRps).toBeCloseTo(50, -1);
  });

  it('delivers a backlog of messages that all fail at once without one stack frame per message', () => {
    // A slow consumer builds a backlog of ~10 000 messages; then every delivery fails at once
    // (injected errors on the edge). pump → makeCall → failure → messageChildDone → pump used to recurse.
    const { summary } = run({
      nodes: [
        { id: 'producer', kind: 'client', params: { arrival: 'constant', rateRps: 2000 } },
        { id: 'jobs', kind: 'queue', params: {} },
        { id: 'worker', kind: 'service', params: { serviceTimeMs: constant(100) } },
      ],
      edges: [edge('producer', 'jobs'), edge('jobs', 'worker')],
      scenario: {
        durationSec: 6,
        events: [{ type: 'injectErrors', atSec: 5, target: 'jobs->worker', rate: 1 }],
      },
    });
    expect(summary.nodes.jobs.deadLetters).toBeGreaterThan(9000);
  });

  it('hands pool connections to a long line of waiters whose calls fail at once, without recursion', () => {
    const { summary } = run({
      nodes: [
        { id: 'users', kind: 'client', params: { arrival: 'constant', rateRps: 2000 } },
        { id: 'pool', kind: 'pool', params: { maxConnections: 1 } },
        { id: 'db', kind: 'service', params: { serviceTimeMs: constant(100) } },
      ],
      edges: [edge('users', 'pool'), edge('pool', 'db')],
      scenario: { durationSec: 6, events: [{ type: 'injectErrors', atSec: 5, target: 'pool->db', rate: 1 }] },
    });
    expect(summary.edges['pool->db'].errors.intrinsic).toBeGreaterThan(9000);
    expectConserved(summary.nodes.pool, 'pool');
  });

  it('leaves no coalescing leader behind for a miss that no backing store takes', () => {
    // "gold" misses have no edge to go out on and fail at once; the cache used to keep the failed job
    // as the key's in-flight leader, so later misses queued behind a freed (and reused) job slot.
    const { windows } = run({
      nodes: [
        {
          id: 'users',
          kind: 'client',
          params: {
            rateRps: 500,
            keys: { count: 1 },
            classes: [
              { id: 'gold', weight: 1 },
              { id: 'free', weight: 1 },
            ],
          },
        },
        { id: 'cache', kind: 'cache', params: { capacity: 10, ttlSec: 0.01, coalesceMisses: true } },
        { id: 'api', kind: 'service', params: { concurrency: 4, serviceTimeMs: constant(1) } },
      ],
      edges: [edge('users', 'cache'), edge('cache', 'api', { classes: ['free'] })],
      scenario: { durationSec: 5 },
    });
    const last = windows[windows.length - 1];
    expect(last.classes.free.inFlight).toBeLessThan(10);
    expect(last.nodes.cache.inFlight).toBeLessThan(10);
  });
});

describe('open (bugs in servers.ts / Engine.ts)', () => {
  // A server job that has finished while its response still travels back (state `responding`, the
  // caller's edge has latency) keeps its generation until released, so events addressed to it still
  // land: its pending workDone, and the results of its other calls. Fix: in Engine.finishJob bump
  // `jobs.gen[j]` before scheduling E.response with the new generation (or have workDone, afterWork
  // and stageChildDone ignore a job whose state is no longer working / delayed / calling).
  it('does not finish a job twice when it is killed while its response is on its way back', () => {
    const { summary } = run({
      nodes: [
        { id: 'users', kind: 'client', params: { arrival: 'constant', rateRps: 5 } },
        { id: 'api', kind: 'service', params: { serviceTimeMs: constant(100) } },
      ],
      // The request reaching api at 205 ms works until 305 ms; the kill at 302 ms fails it, its
      // answer needs 5 ms to get back, and at 305 ms its workDone still lands: a second finish and a
      // busy count of -1.
      edges: [edge('users', 'api', { latencyMs: constant(10) })],
      scenario: {
        durationSec: 1,
        events: [{ type: 'killInstances', atSec: 0.302, durationSec: 0.1, target: 'api', count: 1 }],
      },
    });
    expectConserved(summary.nodes.api, 'api');
    expect(summary.nodes.api.utilization).toBeGreaterThanOrEqual(0);
  });

  it('counts a request once when two of its required calls fail', () => {
    const { summary } = run({
      nodes: [
        { id: 'users', kind: 'client', params: { arrival: 'constant', rateRps: 10 } },
        { id: 'api', kind: 'service', params: { serviceTimeMs: constant(1) } },
        { id: 'b', kind: 'service', params: { serviceTimeMs: constant(1) } },
        { id: 'c', kind: 'service', params: { serviceTimeMs: constant(1) } },
      ],
      edges: [edge('users', 'api', { latencyMs: constant(10) }), edge('api', 'b'), edge('api', 'c')],
      scenario: {
        durationSec: 1,
        events: [
          { type: 'killInstances', atSec: 0, target: 'b', count: 1 },
          { type: 'killInstances', atSec: 0, target: 'c', count: 1 },
        ],
      },
    });
    expect(summary.nodes.api.errors.total).toBe(summary.nodes.api.arrivals);
    expectConserved(summary.nodes.api, 'api');
  });

  // drainReplica takes a replica out of rotation "but lets the work on it finish"; dispatchReplica
  // only starts waiting jobs on an alive replica, so the drained replica's waiting room is never
  // served. Fix (servers.ts dispatchReplica): also dispatch while the replica is draining.
  it("serves a drained replica's waiting room after a scale-in", () => {
    const { windows } = run({
      nodes: [
        { id: 'users', kind: 'client', params: { arrival: 'constant', rateRps: 8 } },
        { id: 'api', kind: 'service', params: { replicas: 2, serviceTimeMs: constant(100) } },
      ],
      edges: [edge('users', 'api')],
      scenario: {
        durationSec: 10,
        events: [
          // A burst fills both waiting rooms, then one replica is drained; 8 rps fit in one.
          { type: 'trafficMultiplier', atSec: 1, durationSec: 1, factor: 4 },
          { type: 'setReplicas', atSec: 2, target: 'api', replicas: 1 },
        ],
      },
    });
    expect(windows[windows.length - 1].nodes.api.inFlight).toBeLessThanOrEqual(1);
  });

  // A root whose call grew the job table (thousands of requests in flight) kept no record of that
  // call: `jobs.rootCall[j] = makeCall(…)` stored into the array the growth had replaced. When the
  // client's deadline passed, the timeout was counted on whichever edge the stale call slot belonged
  // to, here another client's. Found by "leaves every node and edge unchanged when an unrelated
  // client and service are added". Fix (client.ts newRoot): make the call, then store it.
  it("counts a client's timeouts on its own edge when its requests grow the job table", () => {
    for (const [other, timed] of [
      [1500, 1001],
      [1000, 1000],
      [1234, 1357],
    ]) {
      const { summary } = run({
        nodes: [
          { id: 'other', kind: 'client', params: { arrival: 'constant', rateRps: other } },
          { id: 'timed', kind: 'client', params: { arrival: 'constant', rateRps: timed, timeoutMs: 100 } },
          { id: 'slowA', kind: 'service', params: { serviceTimeMs: constant(2000), maxInFlight: 100_000 } },
          { id: 'slowB', kind: 'service', params: { serviceTimeMs: constant(2000), maxInFlight: 100_000 } },
        ],
        edges: [edge('other', 'slowA'), edge('timed', 'slowB')],
        scenario: { durationSec: 6 },
      });
      const what = `${other} and ${timed} rps`;
      expect(summary.edges['other->slowA'].errors.timeout, what).toBe(0);
      expect(summary.clients.timed.errors.timeout, what).toBeGreaterThan(5000);
      expect(summary.edges['timed->slowB'].errors.timeout, what).toBe(summary.clients.timed.errors.timeout);
    }
  });
});

describe('closed loops against dead services', () => {
  // A closed-loop user without think time whose request fails at once (here: every instance killed)
  // used to start the next request at the same instant, for ever: the clock stopped. A failure at the
  // instant of sending is now followed by a 1 ms pause (traffic.ts).
  it('keeps the clock moving with a zero-think closed loop against a dead service', () => {
    const doc: Doc = {
      nodes: [
        { id: 'users', kind: 'client', params: { arrival: 'closed', users: 1 } },
        { id: 'api', kind: 'service', params: { serviceTimeMs: constant(1) } },
      ],
      edges: [edge('users', 'api')],
      scenario: { durationSec: 2, events: [{ type: 'killInstances', atSec: 1, target: 'api', count: 1 }] },
    };
    const sim = createSimulation(topology(doc));
    for (let steps = 0; steps < 5 && !sim.done; steps++) sim.step(10_000);
    expect(sim.nowSec).toBe(sim.endSec);
  });
});
