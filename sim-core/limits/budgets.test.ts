import { describe, expect, it } from 'vitest';
import { BYTES_PER_JOB } from '../engine/compile.ts';
import { createSimulation } from '../engine/createSimulation.ts';
import { formatMessage } from '../messages/formatMessage.ts';
import { SimulationError } from '../messages/Message.ts';
import { constant, type Doc, edge, exponential, topology } from '../test/simHarness.ts';
import { checkBudgets, DEFAULT_BUDGETS, MAX_CALL_DEPTH, resolveBudgets, structureBytes } from './budgets.ts';

/** users → api, `replicas` single-worker replicas of 5 ms. */
function service(params: { rateRps?: number; replicas?: number; durationSec?: number } = {}): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: params.rateRps ?? 100 } },
      {
        id: 'api',
        kind: 'service',
        params: { replicas: params.replicas ?? 1, serviceTimeMs: exponential(5) },
      },
    ],
    edges: [edge('users', 'api')],
    scenario: { durationSec: params.durationSec ?? 60 },
  };
}

/** The SimulationError `work` throws (failing if it throws nothing or something else). */
function refusal(work: () => unknown): SimulationError {
  try {
    work();
  } catch (error) {
    if (error instanceof SimulationError) return error;
    throw error;
  }
  throw new Error('expected a SimulationError');
}

describe('checkBudgets', () => {
  it('lets a normal run through and returns its estimate', () => {
    const estimate = checkBudgets(topology(service()));
    expect(estimate.events).toBeGreaterThan(0);
    expect(estimate.memoryBytes).toBeLessThan(DEFAULT_BUDGETS.maxMemoryBytes);
  });

  it('refuses a billion replicas before allocating them, naming the field, the estimate and the limit', () => {
    const error = refusal(() => createSimulation(topology(service({ replicas: 1e9 }))));
    expect(error.detail.code).toBe('budget.memory');
    expect(error.detail.path).toBe('nodes[1].params.replicas');
    expect(error.detail.nodes).toEqual(['api']);
    expect(error.detail.params).toMatchObject({ what: 'replicas', value: 1e9, limit: 2 ** 30 });
    expect(error.detail.params.estimate).toBeGreaterThan(1e11);
  });

  it('sees a per-instance cache: one store per caller replica, where a shared cache is one', () => {
    const doc = (scope: 'shared' | 'perInstance'): Doc => ({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 50_000, keys: { count: 1_000_000 } } },
        { id: 'api', kind: 'service', params: { replicas: 400_000, serviceTimeMs: exponential(5) } },
        { id: 'local', kind: 'cache', params: { capacity: 10_000, scope } },
        { id: 'db', kind: 'database', params: { serviceTimeMs: exponential(5) } },
      ],
      edges: [edge('users', 'api'), edge('api', 'local'), edge('local', 'db')],
      scenario: { durationSec: 10 },
    });
    expect(checkBudgets(topology(doc('shared'))).memoryBytes).toBeLessThan(DEFAULT_BUDGETS.maxMemoryBytes);
    const error = refusal(() => checkBudgets(topology(doc('perInstance'))));
    expect(error.detail.code).toBe('budget.memory');
    expect(error.detail.path).toBe('nodes[1].params.replicas');
    expect(error.detail.nodes).toEqual(['local', 'api']);
    expect(error.detail.params).toMatchObject({ what: 'cacheInstances', value: 400_000, count: 400_000 });
  });

  it('refuses 1e12 rps on one replica, which sampling cannot shrink, as too many events', () => {
    const error = refusal(() => checkBudgets(topology(service({ rateRps: 1e12 }))));
    expect(error.detail.code).toBe('budget.events');
    expect(error.detail.path).toBe('nodes[0].params.rateRps');
    // One replica caps sampling at 1: all 6e13 requests would be simulated.
    expect(error.detail.params.factor).toBe(1);
    expect(error.detail.params.requests).toBeCloseTo(6e13, -11);
  });

  it('names the duration, and the --duration option that set it, when the run is what is too long', () => {
    const t = topology(service());
    expect(refusal(() => checkBudgets(t, { durationSec: 1e9 })).detail).toMatchObject({
      code: 'budget.events',
      path: 'scenario.durationSec',
      params: { option: '--duration', value: 1e9 },
    });
  });

  it('takes raised budgets', () => {
    const t = topology(service({ replicas: 2_000_000 }));
    expect(() => checkBudgets(t)).toThrow(SimulationError);
    expect(() => checkBudgets(t, { budgets: { maxMemoryBytes: 2 ** 31 } })).not.toThrow();
  });

  it('refuses a budget that is not a positive number', () => {
    for (const bad of [0, -1, Number.NaN]) {
      expect(refusal(() => resolveBudgets({ maxEvents: bad })).detail).toMatchObject({
        code: 'budget.invalid',
        params: { field: 'maxEvents' },
      });
    }
    expect(resolveBudgets({ maxEvents: Number.POSITIVE_INFINITY }).maxEvents).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('runs that could never end, refused before they start', () => {
  it('a queue whose consumer sends it two messages per message, naming the queue first', () => {
    const doc: Doc = {
      nodes: [
        { id: 'producer', kind: 'client', params: { arrival: 'constant', rateRps: 10 } },
        { id: 'jobs', kind: 'queue', params: {} },
        { id: 'worker', kind: 'service', params: { serviceTimeMs: constant(1) } },
      ],
      edges: [edge('producer', 'jobs'), edge('jobs', 'worker'), edge('worker', 'jobs', { count: 2 })],
      scenario: { durationSec: 600 },
    };
    const error = refusal(() => checkBudgets(topology(doc)));
    expect(error.detail).toMatchObject({
      code: 'budget.unboundedLoop',
      path: 'nodes[1]',
      params: { queue: 'jobs' },
    });
    expect(error.detail.nodes).toEqual(['jobs', 'worker', 'producer']);
    // No number of events is the answer: the message names the loop, not an estimate.
    expect(formatMessage('en', error.detail)).toBe(
      'This run would never end: every message through jobs leads, on average, to one or more new messages on it (through jobs, worker, producer), so the work grows without bound. Lower the count of a call on that loop, or route one of them elsewhere.',
    );
  });

  it('users with no think time in front of a path that takes no time, naming the nodes they visit', () => {
    const doc: Doc = {
      nodes: [
        { id: 'users', kind: 'client', params: { arrival: 'closed', users: 20 } },
        { id: 'cache', kind: 'cache', params: { hitRatio: 1 } },
        { id: 'db', kind: 'database', params: { serviceTimeMs: constant(5) } },
      ],
      edges: [edge('users', 'cache'), edge('cache', 'db')],
      scenario: { durationSec: 60 },
    };
    const error = refusal(() => createSimulation(topology(doc)));
    expect(error.detail).toMatchObject({
      code: 'budget.zeroTimeLoop',
      path: 'nodes[0].params.thinkTimeMs',
      nodes: ['users', 'cache'],
    });
    expect(formatMessage('en', error.detail)).toContain('requests go round users, cache and no step');
    expect(formatMessage('zh-CN', error.detail)).toContain('请求在 users, cache 之间循环');
    // However short, a path that takes time runs.
    const think = { ...doc.nodes[0], params: { arrival: 'closed', users: 20, thinkTimeMs: constant(1) } };
    expect(() =>
      checkBudgets(topology({ ...doc, nodes: [think, ...doc.nodes.slice(1)] } as Doc)),
    ).not.toThrow();
  });

  it('a chain of synchronous calls deeper than the engine follows, naming its two ends', () => {
    const chain = (n: number): Doc => ({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 1 } },
        ...Array.from({ length: n }, (_, i) => ({
          id: `s${i}`,
          kind: 'service' as const,
          params: { serviceTimeMs: constant(1) },
        })),
      ],
      edges: Array.from({ length: n }, (_, i) => edge(i === 0 ? 'users' : `s${i - 1}`, `s${i}`)),
      scenario: { durationSec: 2 },
    });
    expect(refusal(() => checkBudgets(topology(chain(MAX_CALL_DEPTH + 1)))).detail).toMatchObject({
      code: 'engine.callDepth',
      path: 'nodes[0]',
      params: { depth: MAX_CALL_DEPTH + 1, limit: MAX_CALL_DEPTH },
      nodes: ['users', `s${MAX_CALL_DEPTH}`],
    });
    // One hop less, and it runs (an answer goes back up the whole chain in one step).
    const sim = createSimulation(topology(chain(MAX_CALL_DEPTH)));
    sim.runUntil(sim.endSec);
    expect(sim.summary().nodes[`s${MAX_CALL_DEPTH - 1}`].completions).toBeGreaterThan(0);
  });
});

describe('live events', () => {
  it('refuses setReplicas to a billion on a running simulation and leaves it running', () => {
    const sim = createSimulation(topology(service({ durationSec: 10 })));
    sim.runUntil(2);
    const error = refusal(() => sim.applyEvent({ type: 'setReplicas', target: 'api', replicas: 1e9 }));
    expect(error.detail).toMatchObject({ code: 'budget.memory', path: 'event.replicas', nodes: ['api'] });
    sim.applyEvent({ type: 'setReplicas', target: 'api', replicas: 3 });
    sim.runUntil(sim.endSec);
    expect(sim.summary().nodes.api.instancesLive).toBeGreaterThan(2);
  });

  it('refuses a traffic multiplier that would take more events than the budget', () => {
    const sim = createSimulation(topology(service({ durationSec: 10 })));
    sim.runUntil(1);
    const error = refusal(() => sim.applyEvent({ type: 'trafficMultiplier', target: 'all', factor: 1e300 }));
    expect(error.detail).toMatchObject({ code: 'budget.events', path: 'event.factor' });
    // A small one is fine.
    sim.applyEvent({ type: 'trafficMultiplier', target: 'all', factor: 2 });
    expect(sim.runUntil(sim.endSec)).toBeGreaterThan(0);
  });
});

/**
 * A retry storm the estimate cannot foresee: every attempt fails and is retried at once, 1000 times, so
 * each request costs thousands of events where the estimate counts a few.
 */
function retryStorm(durationSec: number): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { arrival: 'constant', rateRps: 10 } },
      { id: 'flaky', kind: 'service', params: { serviceTimeMs: constant(0), errorRate: 1 } },
    ],
    edges: [edge('users', 'flaky', { retries: { max: 1000, backoffMs: 0 } })],
    scenario: { durationSec },
  };
}

describe("the kernel's guards, holding the same budgets while the run goes", () => {
  it('stop a run its estimate let through at its event budget, exactly, and keep refusing to go on', () => {
    const sim = createSimulation(topology(retryStorm(10)), { budgets: { maxEvents: 50_000 } });
    const error = refusal(() => sim.runUntil(sim.endSec));
    expect(error.detail).toMatchObject({ code: 'budget.eventsExceeded', params: { maxEvents: 50_000 } });
    expect(error.detail.nodes?.[0]).toBe('flaky');
    expect(sim.summary().events).toBe(50_000);
    expect(refusal(() => sim.runUntil(sim.endSec))).toBe(error);
    expect(refusal(() => sim.step(10))).toBe(error);
  });

  it('let a run that needs exactly its budget finish', () => {
    const t = topology(retryStorm(1));
    const full = createSimulation(t);
    full.runUntil(full.endSec);
    const events = full.summary().events;
    expect(events).toBeGreaterThan(10_000);
    const exact = createSimulation(t, { budgets: { maxEvents: events } });
    expect(exact.runUntil(exact.endSec)).toBe(events);
    expect(exact.done).toBe(true);
  });

  it('count events across step and runUntil', () => {
    const sim = createSimulation(topology(retryStorm(10)), { budgets: { maxEvents: 1000 } });
    expect(sim.step(600)).toBe(600);
    expect(refusal(() => sim.step(600)).detail.code).toBe('budget.eventsExceeded');
    expect(sim.summary().events).toBe(1000);
  });

  it('stop an overloaded service whose unbounded queue outgrows the memory budget, naming it', () => {
    // 2000 rps into one 10 ms server: the backlog grows by ~1900 requests a second, for ever.
    const doc: Doc = {
      nodes: [
        { id: 'users', kind: 'client', params: { arrival: 'constant', rateRps: 2000 } },
        { id: 'slow', kind: 'service', params: { serviceTimeMs: constant(10) } },
      ],
      edges: [edge('users', 'slow')],
      scenario: { durationSec: 3600, windowSec: 60 },
    };
    const budgets = { maxMemoryBytes: 64 * 2 ** 20, maxEvents: 1e9 };
    const sim = createSimulation(topology(doc), { budgets });
    const error = refusal(() => sim.runUntil(sim.endSec));
    expect(error.detail).toMatchObject({ code: 'watchdog.unboundedWork', nodes: ['slow'] });
    // The requests in flight took at most what the structures leave of the budget.
    const inFlight = error.detail.params.inFlight as number;
    expect(inFlight).toBeGreaterThan(100_000);
    const room = budgets.maxMemoryBytes - structureBytes(checkBudgets(topology(doc), { budgets }));
    expect(inFlight * BYTES_PER_JOB).toBeLessThanOrEqual(room);
    expect(sim.nowSec).toBeLessThan(3600);
  });
});
