import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/createSimulation.ts';
import { parseTopologyText } from '../format/validate.ts';
import { constant, type Doc, edge, exponential, topology } from '../test/simHarness.ts';
import { BYTES, EVENTS } from './costs.ts';
import { estimateRun } from './estimate.ts';

const UNLIMITED = {
  budgets: { maxEvents: Number.POSITIVE_INFINITY, maxMemoryBytes: Number.POSITIVE_INFINITY },
};

/**
 * The work model's documented accuracy: on the presets and the theory fixtures the estimated events
 * are between half and three times what the engine processes (measured 0.99–2.64 with the engine of
 * this commit). An engine that takes fewer events per request (timer lines instead of heap events)
 * moves the ratio up, within the band; leaving it means EVENTS in costs.ts wants recalibrating.
 */
const EVENT_RATIO = { low: 0.5, high: 3 } as const;

function read(path: string) {
  const result = parseTopologyText(readFileSync(new URL(path, import.meta.url), 'utf8'));
  if (!result.ok) throw new Error(`${path} is invalid`);
  return result.topology;
}

describe('the work estimate', () => {
  it.each([
    ['../test/fixtures/mm1.archsim.json', 60],
    ['../test/fixtures/tandem.archsim.json', 60],
    ['../test/fixtures/mmc.archsim.json', 60],
    ['../../presets/expansion-cache-stampede.archsim.json', 30],
    ['../../presets/growth-saga-compensation.archsim.json', 30],
    ['../../presets/expansion-dead-letter-queue.archsim.json', 30],
    ['../../presets/trillion-flash-sale-17-hops.archsim.json', 20],
    ['../../presets/trillion-edge-delivery.archsim.json', 2],
  ])('is within the documented band of the real events for %s', (path, durationSec) => {
    const t = read(path);
    const sim = createSimulation(t, { ...UNLIMITED, durationSec });
    sim.runUntil(sim.endSec);
    const factor = sim.summary().sampling?.factor ?? 1;
    const ratio = estimateRun(t, durationSec, factor).events / sim.summary().events;
    expect(ratio).toBeGreaterThan(EVENT_RATIO.low);
    expect(ratio).toBeLessThan(EVENT_RATIO.high);
  });

  it('integrates traffic multipliers over the time they are in force', () => {
    const t = topology({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 100 } },
        { id: 'api', kind: 'service', params: { serviceTimeMs: exponential(1) } },
      ],
      edges: [edge('users', 'api')],
      scenario: {
        durationSec: 60,
        events: [
          { type: 'trafficMultiplier', atSec: 10, durationSec: 10, factor: 10 },
          { type: 'trafficMultiplier', atSec: 15, durationSec: 10, factor: 2 },
          { type: 'trafficMultiplier', atSec: 50, factor: 0 },
        ],
      },
    });
    // 0–10: 100, 10–15: 1000, 15–20: 2000, 20–25: 200, 25–50: 100, 50–60: 0.
    const requests = 1000 + 5000 + 10_000 + 1000 + 2500;
    expect(estimateRun(t, 60, 1).work[0].requests).toBeCloseTo(requests, 6);
  });

  it('integrates a linear and a step profile exactly', () => {
    const profile = [
      { atSec: 10, rps: 100 },
      { atSec: 20, rps: 300 },
    ];
    const doc = (interpolation: 'linear' | 'step'): Doc => ({
      nodes: [
        { id: 'users', kind: 'client', params: { profile, interpolation } },
        { id: 'api', kind: 'service', params: { serviceTimeMs: exponential(1) } },
      ],
      edges: [edge('users', 'api')],
      scenario: { durationSec: 30 },
    });
    // Before the first point its rate, after the last one its rate.
    expect(estimateRun(topology(doc('linear')), 30, 1).work[0].requests).toBeCloseTo(1000 + 2000 + 3000, 6);
    expect(estimateRun(topology(doc('step')), 30, 1).work[0].requests).toBeCloseTo(1000 + 1000 + 3000, 6);
  });

  it('counts the calls of every stage with their probability and count, and a cache only on a miss', () => {
    const t = topology({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 10 } },
        { id: 'api', kind: 'service', params: { serviceTimeMs: constant(1) } },
        { id: 'cache', kind: 'cache', params: { hitRatio: 0.75 } },
        { id: 'db', kind: 'database', params: { serviceTimeMs: constant(1) } },
      ],
      edges: [
        edge('users', 'api'),
        edge('api', 'cache', { count: 4 }),
        edge('api', 'db', { stage: 1, probability: 0.5 }),
        edge('cache', 'db'),
      ],
      scenario: { durationSec: 10 },
    });
    // Calls per request: users→api 1, api→cache 4, cache→db 4·0.25, api→db 0.5; none has a latency.
    const calls = 1 + 4 + 1 + 0.5;
    expect(estimateRun(t, 10, 1).work[0].eventsPerRequest).toBeCloseTo(
      EVENTS.perRequest + calls * EVENTS.perInstantCall,
      9,
    );
    // With a network latency on every edge, each call is a delivery, the work and a response.
    const slow = {
      ...t,
      edges: t.edges.map((e) => ({ ...e, params: { ...e.params, latencyMs: constant(1) } })),
    };
    expect(estimateRun(slow, 10, 1).work[0].eventsPerRequest).toBeCloseTo(
      EVENTS.perRequest + calls * EVENTS.perCall,
      9,
    );
  });

  it('sums a loop through a queue that damps out, and marks one that never ends', () => {
    const loop = (probability: number, count: number): Doc => ({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 10 } },
        { id: 'jobs', kind: 'queue', params: {} },
        { id: 'worker', kind: 'service', params: { serviceTimeMs: constant(1) } },
      ],
      edges: [edge('users', 'jobs'), edge('jobs', 'worker'), edge('worker', 'jobs', { probability, count })],
      scenario: { durationSec: 10 },
    });
    // Each message comes back with probability ½: 2 deliveries per request, 1 re-enqueue.
    const damped = estimateRun(topology(loop(0.5, 1)), 10, 1);
    expect(damped.work[0].eventsPerRequest).toBeCloseTo(
      EVENTS.perRequest + (1 + 2 + 1) * EVENTS.perInstantCall,
      6,
    );
    const growing = estimateRun(topology(loop(1, 2)), 10, 1);
    expect(growing.events).toBe(Number.POSITIVE_INFINITY);
    expect(growing.neverEnds).toMatchObject({ kind: 'loop', path: 'nodes[1]' });
    expect(growing.neverEnds?.nodes).toEqual(expect.arrayContaining(['jobs', 'worker']));
    expect(damped.neverEnds).toBeNull();
  });

  it('estimates a closed loop from its users, think time and path time', () => {
    const t = topology({
      nodes: [
        { id: 'users', kind: 'client', params: { arrival: 'closed', users: 50, thinkTimeMs: constant(90) } },
        { id: 'api', kind: 'service', params: { concurrency: 100, serviceTimeMs: constant(10) } },
      ],
      edges: [edge('users', 'api')],
      scenario: { durationSec: 20 },
    });
    // Each user: one request every 100 ms, 10 per second.
    expect(estimateRun(t, 20, 1).work[0].requests).toBeCloseTo(50 * 10 * 20, 6);
  });

  it('names the larger of a service’s replicas, its autoscale maximum and its setReplicas events', () => {
    const t = topology({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 10 } },
        {
          id: 'api',
          kind: 'service',
          params: {
            replicas: 2,
            serviceTimeMs: constant(1),
            autoscale: { min: 1, max: 500, targetUtilization: 0.5 },
          },
        },
      ],
      edges: [edge('users', 'api')],
      scenario: {
        durationSec: 10,
        events: [{ type: 'setReplicas', atSec: 1, target: 'api', replicas: 70_000 }],
      },
    });
    const replicas = estimateRun(t, 10, 1).memory.find((c) => c.kind === 'replicas');
    expect(replicas).toMatchObject({ path: 'scenario.events[0].replicas', value: 70_000, count: 70_000 });
  });

  it('gives each service the peak of the setReplicas events aimed at it, not at another node', () => {
    const t = topology({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 10 } },
        { id: 'api', kind: 'service', params: { replicas: 2, serviceTimeMs: constant(1) } },
        { id: 'worker', kind: 'service', params: { replicas: 3, serviceTimeMs: constant(1) } },
      ],
      edges: [edge('users', 'api'), edge('api', 'worker')],
      scenario: {
        durationSec: 10,
        events: [
          { type: 'setReplicas', atSec: 1, target: 'api', replicas: 50 },
          { type: 'setReplicas', atSec: 2, target: 'worker', replicas: 80 },
          { type: 'setReplicas', atSec: 3, target: 'api', replicas: 40 },
          { type: 'setReplicas', atSec: 4, target: 'api', replicas: 50 },
        ],
      },
    });
    const replicas = (id: string) =>
      estimateRun(t, 10, 1).memory.find((c) => c.kind === 'replicas' && c.nodes[0] === id);
    expect(replicas('api')).toMatchObject({ path: 'scenario.events[0].replicas', value: 50, count: 50 });
    expect(replicas('worker')).toMatchObject({ path: 'scenario.events[1].replicas', value: 80, count: 80 });
  });
});

describe('the memory estimate', () => {
  it('gives each replica slot its own breaker on every per-instance edge, and none for a shared one', () => {
    const bytes = (scope: 'shared' | 'perInstance') => {
      const t = topology({
        nodes: [
          { id: 'users', kind: 'client', params: { rateRps: 10 } },
          { id: 'api', kind: 'service', params: { replicas: 1000, serviceTimeMs: constant(1) } },
          { id: 'a', kind: 'service', params: { serviceTimeMs: constant(1) } },
          { id: 'b', kind: 'service', params: { serviceTimeMs: constant(1) } },
        ],
        edges: [
          edge('users', 'api'),
          edge('api', 'a', { circuitBreaker: { errorRatio: 0.5, scope } }),
          edge('api', 'b', { circuitBreaker: { errorRatio: 0.5, scope } }),
        ],
        scenario: { durationSec: 10 },
      });
      return estimateRun(t, 10, 1).memory.find((c) => c.kind === 'replicas' && c.nodes[0] === 'api')?.amount;
    };
    expect(bytes('shared')).toBe(1000 * BYTES.perReplica);
    expect(bytes('perInstance')).toBe(1000 * (BYTES.perReplica + 2 * BYTES.perInstanceBreaker));
  });
});
