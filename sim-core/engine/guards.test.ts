import { describe, expect, it } from 'vitest';
import type { SimulationOptions } from '../api.ts';
import { SimulationError } from '../messages/Message.ts';
import { constant, type Doc, edge, exponential, run, topology } from '../test/simHarness.ts';
import { compile, start } from './compile.ts';

/**
 * What the engine does with a file the schema accepts but no run can survive: it stops with an error
 * that names the cause and the nodes involved, within its budgets, instead of hanging or eating memory.
 */

/**
 * Runs `doc` to its end in the engine itself and returns the error it stopped with (failing the test if
 * it did not). The engine, not `createSimulation`: the budget estimate (sim-core/limits/) refuses many
 * of these files before they start, and these tests are about what the engine does when one starts.
 */
function stopOf(doc: Doc, options: SimulationOptions = {}): SimulationError {
  const world = compile(topology(doc), options);
  start(world);
  try {
    world.run(world.endMs, Number.POSITIVE_INFINITY);
  } catch (error) {
    expect(error).toBeInstanceOf(SimulationError);
    // A stopped run stays stopped: the next call says the same.
    expect(() => world.run(world.endMs, Number.POSITIVE_INFINITY)).toThrow(error as Error);
    return error as SimulationError;
  }
  throw new Error('the run ended without stopping');
}

/** A closed loop of users with no think time in front of `nodes`. */
function closedLoop(nodes: Doc['nodes'], edges: Doc['edges']): Doc {
  return {
    nodes: [{ id: 'users', kind: 'client', params: { arrival: 'closed', users: 20 } }, ...nodes],
    edges,
    scenario: { durationSec: 60 },
  };
}

describe('a loop that takes no simulated time', () => {
  it('stops at the instant it starts, naming the nodes on the loop: a 0 ms service', () => {
    const stop = stopOf(
      closedLoop(
        [{ id: 'api', kind: 'service', params: { serviceTimeMs: constant(0) } }],
        [edge('users', 'api')],
      ),
    );
    expect(stop.detail.code).toBe('watchdog.zeroTimeLoop');
    expect(stop.detail.params.atSec).toBe(0);
    expect(stop.detail.nodes).toEqual(expect.arrayContaining(['users', 'api']));
  });

  it('… a cache that always hits at once', () => {
    const stop = stopOf(
      closedLoop(
        [
          { id: 'cache', kind: 'cache', params: { hitRatio: 1 } },
          { id: 'db', kind: 'database', params: { serviceTimeMs: constant(5) } },
        ],
        [edge('users', 'cache'), edge('cache', 'db')],
      ),
    );
    expect(stop.detail.code).toBe('watchdog.zeroTimeLoop');
    expect(stop.detail.nodes).toEqual(expect.arrayContaining(['users']));
    expect(stop.detail.nodes).not.toContain('db');
  });

  it('… a broker that acknowledges at once', () => {
    const stop = stopOf(
      closedLoop(
        [
          { id: 'jobs', kind: 'queue', params: {} },
          { id: 'worker', kind: 'service', params: { serviceTimeMs: exponential(50) } },
        ],
        [edge('users', 'jobs'), edge('jobs', 'worker')],
      ),
    );
    expect(stop.detail.code).toBe('watchdog.zeroTimeLoop');
    expect(stop.detail.nodes).toEqual(expect.arrayContaining(['users']));
  });

  it('runs a closed loop whose path takes time, however short', () => {
    const doc = closedLoop(
      [{ id: 'api', kind: 'service', params: { serviceTimeMs: constant(0.1) } }],
      [edge('users', 'api')],
    );
    const { summary } = run({ ...doc, scenario: { durationSec: 3, warmupSec: 1 } });
    // One worker, 0.1 ms a request: 10,000 requests a second, the 20 users always waiting for it.
    expect(summary.endToEnd.throughputRps).toBeCloseTo(10_000, -2);
  });
});

describe('work that grows without bound', () => {
  it('stops a queue whose consumer re-enqueues two messages per message, naming the queue first', () => {
    const stop = stopOf(
      {
        nodes: [
          { id: 'producer', kind: 'client', params: { arrival: 'constant', rateRps: 10 } },
          { id: 'jobs', kind: 'queue', params: {} },
          { id: 'worker', kind: 'service', params: { concurrency: 4, serviceTimeMs: constant(1) } },
        ],
        edges: [edge('producer', 'jobs'), edge('jobs', 'worker'), edge('worker', 'jobs', { count: 2 })],
        scenario: { durationSec: 600 },
      },
      { budgets: { maxMemoryBytes: 64 * 2 ** 20 } },
    );
    expect(stop.detail.code).toBe('watchdog.unboundedWork');
    expect(stop.detail.nodes?.[0]).toBe('jobs');
  });

  it('stops a waiting room that an overload fills for ever, naming the service', () => {
    const stop = stopOf(
      {
        nodes: [
          { id: 'users', kind: 'client', params: { rateRps: 2000 } },
          { id: 'api', kind: 'service', params: { serviceTimeMs: constant(1) } },
        ],
        edges: [edge('users', 'api')],
        scenario: { durationSec: 3600 },
      },
      { budgets: { maxMemoryBytes: 32 * 2 ** 20 } },
    );
    expect(stop.detail.code).toBe('watchdog.unboundedWork');
    expect(stop.detail.nodes?.[0]).toBe('api');
  });
});

describe('budgets', () => {
  it('stops a run at its event budget', () => {
    const stop = stopOf(
      {
        nodes: [
          { id: 'users', kind: 'client', params: { rateRps: 1000 } },
          { id: 'api', kind: 'service', params: { serviceTimeMs: exponential(0.5) } },
        ],
        edges: [edge('users', 'api')],
        scenario: { durationSec: 60 },
      },
      { budgets: { maxEvents: 10_000 } },
    );
    expect(stop.detail.code).toBe('budget.eventsExceeded');
    expect(stop.detail.params.maxEvents).toBe(10_000);
  });
});

describe('utilization', () => {
  it('stays at most 1 while replicas scale in and drain their work', () => {
    const { windows, summary } = run({
      nodes: [
        { id: 'users', kind: 'client', params: { rateRps: 700 } },
        { id: 'api', kind: 'service', params: { replicas: 8, serviceTimeMs: constant(10) } },
      ],
      edges: [edge('users', 'api')],
      scenario: {
        durationSec: 20,
        windowSec: 0.5,
        events: [
          { type: 'setReplicas', atSec: 5, target: 'api', replicas: 2 },
          { type: 'setReplicas', atSec: 10, target: 'api', replicas: 8 },
          { type: 'rollingRestart', atSec: 14, target: 'api', batch: 3 },
        ],
      },
    });
    for (const w of windows) expect(w.nodes.api.utilization ?? 0).toBeLessThanOrEqual(1 + 1e-12);
    expect(summary.nodes.api.utilization ?? 0).toBeLessThanOrEqual(1);
    // Two replicas at 700 rps × 10 ms are saturated: the metric must still reach (not exceed) 1.
    const scaledIn = windows.filter((w) => w.startSec >= 6 && w.endSec <= 10);
    for (const w of scaledIn) expect(w.nodes.api.utilization).toBeGreaterThan(0.99);
  });
});
