import { describe, expect, it } from 'vitest';
import { constant, type Doc, edge, exponential, nodeRow, run, sum, windowsIn } from '../test/simHarness.ts';

/*
 * Where requests are turned away: a balancer routing to a dead replica it has not noticed yet, rate
 * limits, full queues and connection pools.
 */

describe('a load balancer with health checks', () => {
  // 200 rps round robin over 4 replicas (ρ = 0.25 each); one replica is killed at 10.5 s for good
  // (off the whole second, where a health check or a window boundary falls at the same instant).
  const build = (healthCheckIntervalSec: number): Doc => ({
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 200 } },
      { id: 'lb', kind: 'loadBalancer', params: { policy: 'roundRobin', healthCheckIntervalSec } },
      { id: 'api', kind: 'service', params: { replicas: 4, serviceTimeMs: exponential(5) } },
    ],
    edges: [edge('users', 'lb'), edge('lb', 'api')],
    scenario: {
      durationSec: 25,
      seed: 5,
      events: [{ type: 'killInstances', atSec: 10.5, target: 'api', count: 1 }],
    },
  });

  it('keeps sending to a killed replica until the next health check', () => {
    const { summary, windows } = run(build(5));
    for (const w of windowsIn(windows, 0, 10)) expect(w.endToEnd.errors.total).toBe(0);
    expect(windows[10].endToEnd.errors.deadInstance).toBeGreaterThan(0);
    // Checks run at 5, 10, 15 s: the balancer believes in 4 replicas until 15 s, and round robin sends
    // a quarter of the traffic to the dead one (±0.05 on ~200 requests a window: 3σ is 0.09, but round
    // robin is not random — every fourth pick is the dead replica).
    for (const w of windowsIn(windows, 11, 15)) {
      const e2e = w.endToEnd;
      expect(e2e.errors.deadInstance).toBe(e2e.errors.total);
      expect(e2e.errors.deadInstance / e2e.arrivals).toBeCloseTo(0.25, 1);
    }
    for (const w of windowsIn(windows, 15, 25)) expect(w.endToEnd.errors.total).toBe(0);
    expect(summary.eventsApplied.some((a) => a.type === 'healthCheck' && a.atSec === 15)).toBe(true);
  });

  it('without health-check delay fails only the requests on the replica when it died', () => {
    const { summary, windows } = run(build(0));
    // At 50 rps and 5 ms per request a replica holds about 0.25 requests on average: a handful at most.
    expect(summary.endToEnd.errors.deadInstance).toBeLessThanOrEqual(5);
    expect(summary.endToEnd.errors.total).toBe(summary.endToEnd.errors.deadInstance);
    for (const w of windowsIn(windows, 11, 25)) expect(w.endToEnd.errors.total).toBe(0);
  });
});

describe('a rate limit at the load balancer', () => {
  it('turns away what exceeds the limit', () => {
    const { summary } = run({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 300 } },
        { id: 'lb', kind: 'loadBalancer', params: { rateLimitRps: 100 } },
        { id: 'api', kind: 'service', params: { replicas: 2, serviceTimeMs: exponential(5) } },
      ],
      edges: [edge('users', 'lb'), edge('lb', 'api')],
      scenario: { durationSec: 20, seed: 2 },
    });
    const e2e = summary.endToEnd;
    // A token bucket at 100 rps admits 100 × 20 s plus its initial burst (10 tokens); arrivals at 300
    // rps always find the bucket refilled, so the rest (≈ 4000) are rate limited. Allow ±1% of that.
    const admitted = 100 * 20;
    expect(e2e.errors.rateLimited).toBe(e2e.errors.total);
    expect(e2e.errors.rateLimited).toBeGreaterThan(0.99 * (e2e.arrivals - admitted - 10));
    expect(e2e.errors.rateLimited).toBeLessThan(1.01 * (e2e.arrivals - admitted));
    expect(summary.nodes.api.arrivals).toBeLessThanOrEqual(admitted + 10);
  });
});

describe('a bounded service queue', () => {
  it('rejects as queueFull under overload, at the M/M/1/K blocking probability', () => {
    const { summary } = run({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 200 } },
        { id: 'api', kind: 'service', params: { queueCapacity: 5, serviceTimeMs: exponential(10) } },
      ],
      edges: [edge('users', 'api')],
      scenario: { durationSec: 100, seed: 4 },
    });
    const api = summary.nodes.api;
    // M/M/1/K with ρ = 2 and K = 6 (one in service, five waiting): blocking = (1-ρ)ρ^K / (1-ρ^(K+1))
    // = 64/127 ≈ 0.504. Over 60 seeds of this 100 s run the estimate's standard deviation was 0.0064
    // (blocking comes in bursts, so more than the binomial 0.0035); allow 0.03.
    const rho = 2;
    const k = 6;
    const blocking = ((1 - rho) * rho ** k) / (1 - rho ** (k + 1));
    expect(api.errors.queueFull).toBeGreaterThan(0);
    expect(api.errors.queueFull / api.arrivals).toBeGreaterThan(blocking - 0.03);
    expect(api.errors.queueFull / api.arrivals).toBeLessThan(blocking + 0.03);
    expect(api.queueLengthMax).toBe(5);
  });
});

describe('a connection pool', () => {
  // api → pool (2 connections) → db (50 ms constant, plenty of workers): the pool serves at most
  // 2 / 50 ms = 40 requests per second.
  const build = (rateRps: number, acquireTimeoutMs?: number): Doc => ({
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps } },
      { id: 'api', kind: 'service', params: { concurrency: 100, serviceTimeMs: constant(1) } },
      { id: 'pool', kind: 'pool', params: { maxConnections: 2, acquireTimeoutMs } },
      { id: 'db', kind: 'database', params: { concurrency: 50, serviceTimeMs: constant(50) } },
    ],
    edges: [edge('users', 'api'), edge('api', 'pool'), edge('pool', 'db')],
    scenario: { durationSec: 30, seed: 8 },
  });

  it('makes requests wait for a connection', () => {
    const { summary } = run(build(30));
    const pool = summary.nodes.pool;
    // 30 rps on 40 rps of connections (ρ = 0.75, M/D/2): waits are common but bounded; the database
    // never holds more than 2 requests at once.
    expect(pool.waitMs.mean).toBeGreaterThan(1);
    expect(pool.waitMs.mean).toBeLessThan(200);
    expect(pool.errors.total).toBe(0);
    expect(summary.nodes.db.queueLengthMax).toBe(0);
    expect(summary.nodes.db.utilization ?? 1).toBeLessThanOrEqual(2 / 50 + 1e-9);
    // End to end is 1 ms of api work, the pool wait and 50 ms of database work.
    expect(summary.endToEnd.latencyMs.mean).toBeCloseTo(51 + (pool.waitMs.mean ?? 0), 0);
  });

  it('fails with poolTimeout when no connection comes within acquireTimeoutMs', () => {
    const { summary, windows } = run(build(60, 20));
    const pool = summary.nodes.pool;
    // 60 rps on 40 rps of connections: at least a third of the requests cannot be served.
    expect(pool.errors.poolTimeout).toBe(pool.errors.total);
    expect(pool.errors.poolTimeout).toBeGreaterThan(0.3 * pool.arrivals);
    expect(summary.endToEnd.errors.poolTimeout).toBe(pool.errors.poolTimeout);
    // A timed-out wait is at most the 20 ms timeout.
    expect(pool.waitMs.p99).toBeLessThanOrEqual(20 * 1.01);
    const late = windowsIn(windows, 10, 30);
    expect(sum(late, (w) => nodeRow(w, 'db').arrivals) / late.length).toBeLessThanOrEqual(41);
  });

  it("belongs to each caller's process: two services hold their own connections", () => {
    // Two clients send at the same instants (evenly spaced, 10 rps each); with `apart` each calls
    // its own service, else both call one. The pool has one connection per caller instance and the
    // database takes 50 ms. Requests meeting at one pool instance take turns: one of each pair waits
    // the other's 50 ms.
    const build = (apart: boolean): Doc => ({
      nodes: [
        { id: 'u1', kind: 'client', params: { rateRps: 10, arrival: 'constant' } },
        { id: 'u2', kind: 'client', params: { rateRps: 10, arrival: 'constant' } },
        { id: 'a', kind: 'service', params: { concurrency: 10, serviceTimeMs: constant(1) } },
        { id: 'b', kind: 'service', params: { concurrency: 10, serviceTimeMs: constant(1) } },
        { id: 'pool', kind: 'pool', params: { maxConnections: 1 } },
        { id: 'db', kind: 'database', params: { concurrency: 10, serviceTimeMs: constant(50) } },
      ],
      edges: [
        edge('u1', 'a'),
        edge('u2', apart ? 'b' : 'a'),
        edge('a', 'pool'),
        edge('b', 'pool'),
        edge('pool', 'db'),
      ],
      scenario: { durationSec: 20, seed: 4 },
    });
    const apart = run(build(true)).summary;
    expect(apart.nodes.pool.arrivals).toBeGreaterThan(300);
    expect(apart.nodes.pool.waitMs.mean).toBe(0);
    expect(apart.endToEnd.latencyMs.mean).toBeCloseTo(51, 6);
    const shared = run(build(false)).summary;
    expect(shared.nodes.pool.waitMs.mean).toBeCloseTo(25, 6);
    expect(shared.endToEnd.latencyMs.mean).toBeCloseTo(51 + 25, 0);
  });
});
