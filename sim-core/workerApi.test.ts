import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Simulation } from './api.ts';
import { createSimulation } from './engine/createSimulation.ts';
import { validateTopology } from './format/validate.ts';
import { SimulationError } from './messages/Message.ts';
import { type AdvanceRequest, createSimWorkerApi, type Progress } from './workerApi.ts';

/** What the next simulation the worker creates should throw: at creation, or from its next run. */
const sabotage = vi.hoisted(() => ({ atCreate: null as unknown, atRun: null as unknown }));

vi.mock('./engine/createSimulation.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./engine/createSimulation.ts')>();
  return {
    createSimulation: (...args: Parameters<typeof real.createSimulation>): Simulation => {
      if (sabotage.atCreate !== null) throw sabotage.atCreate;
      const sim = real.createSimulation(...args);
      const runUntil = sim.runUntil.bind(sim);
      return Object.assign(Object.create(sim) as Simulation, {
        runUntil: (simSec: number) => {
          if (sabotage.atRun !== null) throw sabotage.atRun;
          return runUntil(simSec);
        },
        applyEvent: sim.applyEvent.bind(sim),
        snapshot: sim.snapshot.bind(sim),
        summary: sim.summary.bind(sim),
      });
    },
  };
});

beforeEach(() => {
  sabotage.atCreate = null;
  sabotage.atRun = null;
});

const mm1 = JSON.parse(readFileSync(new URL('./test/fixtures/mm1.archsim.json', import.meta.url), 'utf8'));

const request = (over: Partial<AdvanceRequest> = {}): AdvanceRequest => ({
  toSec: Number.POSITIVE_INFINITY,
  wallMs: 100,
  sinceWindow: 0,
  withSummary: true,
  ...over,
});

function progressOf(answer: ReturnType<ReturnType<typeof createSimWorkerApi>['advance']>): Progress {
  if (!answer.ok) throw new Error(`advance failed: ${answer.problem.code}`);
  return answer.progress;
}

/** A clock that moves `stepMs` every time it is read. */
function tickingClock(stepMs: number): () => number {
  let now = 0;
  return () => (now += stepMs);
}

describe('the simulation worker API', () => {
  it('runs a loaded topology in slices and reports only the windows not seen yet', () => {
    const api = createSimWorkerApi();
    expect(api.load(mm1, { durationSec: 30 })).toEqual({ ok: true });
    const first = progressOf(api.advance(request({ toSec: 10 })));
    expect(first.nowSec).toBe(10);
    expect(first.windows).toHaveLength(10);
    expect(first.events).toBeGreaterThan(10 * 900);
    expect(structuredClone(first)).toEqual(first);
    const middle = progressOf(api.advance(request({ toSec: 20, sinceWindow: 10, withSummary: false })));
    expect(middle.windows.map((w) => w.index)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(middle.summary).toBeNull();
    // The answer that reaches the end always has the summary.
    const last = progressOf(api.advance(request({ sinceWindow: 20, withSummary: false })));
    expect(last.nowSec).toBe(30);
    expect(last.windows).toHaveLength(10);
    expect(last.done).toBe(true);
    expect(last.summary?.simulatedSec).toBe(30);
  });

  it('without sinceWindow, sends the windows after those it sent last, so a caller may ask ahead', () => {
    const api = createSimWorkerApi();
    api.load(mm1, { durationSec: 30 });
    const { sinceWindow: _, ...ahead } = request({ withSummary: false });
    const indices = [8, 8, 20, 30].map((toSec) =>
      progressOf(api.advance({ ...ahead, toSec })).windows.map((w) => w.index),
    );
    expect(indices).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7],
      [],
      Array.from({ length: 12 }, (_, i) => 8 + i),
      Array.from({ length: 10 }, (_, i) => 20 + i),
    ]);
    // A new load starts the count again.
    api.load(mm1, { durationSec: 30 });
    expect(progressOf(api.advance({ ...ahead, toSec: 2 })).windows.map((w) => w.index)).toEqual([0, 1]);
  });

  it('keeps to the wall budget of a call, and slicing does not change the numbers', () => {
    const api = createSimWorkerApi(tickingClock(1));
    api.load(mm1, { durationSec: 60 });
    const first = progressOf(api.advance(request({ wallMs: 20 })));
    // Each engine call takes 3 ms on this clock (the worker and the engine each read it twice): the
    // call stops at the first engine call that reaches the 20 ms budget.
    expect(first.loopMs).toBe(21);
    expect(first.done).toBe(false);
    expect(first.nowSec).toBeGreaterThan(0);
    let calls = 1;
    let last = first;
    while (!last.done) {
      last = progressOf(api.advance(request({ wallMs: 20, sinceWindow: 60 })));
      calls++;
    }
    expect(calls).toBeGreaterThan(2);

    const topology = validateTopology(mm1);
    if (!topology.ok) throw new Error('fixture');
    const oneGo = createSimulation(topology.topology, { durationSec: 60 });
    oneGo.runUntil(60);
    const { wallMs: _sliced, ...sliced } = last.summary!;
    const { wallMs: _whole, ...whole } = oneGo.summary();
    expect(sliced).toEqual(whole);
    expect(last.events).toBe(oneGo.summary().events);
  });

  it('validates its options and requests, naming the field and the value', () => {
    const api = createSimWorkerApi();
    expect(api.load(mm1, { durationSec: -5 })).toEqual({
      ok: false,
      problem: {
        code: 'worker.option',
        params: { option: 'durationSec', got: -5 },
        path: 'options.durationSec',
      },
    });
    expect(api.load(mm1, { seed: 'abc' as unknown as number })).toMatchObject({
      problem: { code: 'worker.option', params: { option: 'seed', got: 'abc' }, path: 'options.seed' },
    });
    expect(api.load(mm1, { speed: 3 } as never)).toMatchObject({
      problem: { code: 'worker.option', params: { option: 'speed', got: 3 } },
    });
    // A duration within the document's warm-up leaves nothing to measure.
    expect(api.load(mm1, { durationSec: 10 })).toMatchObject({
      problem: { code: 'worker.option', params: { option: 'durationSec', got: 10 } },
    });
    expect(api.load(mm1, { sampling: 2 })).toMatchObject({ problem: { params: { option: 'sampling' } } });
    // A refused load leaves nothing loaded.
    expect(api.advance(request())).toEqual({ ok: false, problem: { code: 'worker.notLoaded', params: {} } });

    api.load(mm1, { durationSec: 30 });
    expect(api.advance(request({ toSec: Number.NaN }))).toMatchObject({
      problem: { code: 'worker.option', params: { option: 'toSec', got: Number.NaN }, path: 'request.toSec' },
    });
    expect(api.advance(request({ sinceWindow: -1 }))).toMatchObject({
      problem: { params: { option: 'sinceWindow', got: -1 } },
    });
  });

  it('answers a document that does not validate with its issues, and never throws', () => {
    const api = createSimWorkerApi();
    const bad = api.load({
      format: 'archsim.topology',
      version: 1,
      nodes: [],
      scenario: { durationSec: -1 },
    });
    expect(bad.ok).toBe(false);
    expect('issues' in bad && bad.issues.some((i) => i.path === 'scenario.durationSec')).toBe(true);
    expect(api.snapshot()).toBeNull();
    for (const input of [null, 'text', 42, [], { format: 'archsim.topology', version: 99 }]) {
      expect(api.load(input).ok).toBe(false);
    }
    // 32 request classes: more than the engine can track. Refused, not thrown.
    const classes = Array.from({ length: 32 }, (_, i) => ({ id: `c${i}`, weight: 1 }));
    const many = structuredClone(mm1);
    many.nodes[0].params.classes = classes;
    expect(() => api.load(many)).not.toThrow();
    expect(api.load(many).ok).toBe(false);
  });

  it('hands on the engine’s own refusals as they are, and other exceptions as worker.failed', () => {
    const api = createSimWorkerApi();
    const budget = {
      code: 'budget.memory',
      params: { estimateBytes: 4e10, limitBytes: 4e9 },
      path: 'nodes[1].params.replicas',
    };
    sabotage.atCreate = new SimulationError(budget);
    expect(api.load(mm1)).toEqual({ ok: false, problem: budget });
    sabotage.atCreate = new RangeError('sampling factor must be in (0, 1], got 7');
    expect(api.load(mm1)).toEqual({
      ok: false,
      problem: {
        code: 'worker.failed',
        params: { name: 'RangeError', detail: 'sampling factor must be in (0, 1], got 7' },
      },
    });
  });

  it('ends the run on an engine stop mid-run, keeping the results so far', () => {
    const api = createSimWorkerApi();
    api.load(mm1, { durationSec: 30 });
    progressOf(api.advance(request({ toSec: 5 })));
    const loop = { code: 'watchdog.zeroTimeLoop', params: { events: 1e6 }, nodes: ['users', 'server'] };
    sabotage.atRun = new SimulationError(loop);
    expect(api.advance(request())).toEqual({ ok: false, problem: loop });
    sabotage.atRun = null;
    // The run is over: it does not pick up again where the engine stopped.
    expect(api.advance(request())).toEqual({ ok: false, problem: loop });
    expect(api.applyEvent({ type: 'cacheFlush', target: 'server' })).toEqual({ ok: false, problem: loop });
    expect(api.snapshot()!.windows).toHaveLength(5);
  });

  it('applies live events while running, and refuses them before a load and after the end', () => {
    const api = createSimWorkerApi();
    expect(api.applyEvent({ type: 'killInstances', target: 'server', count: 1 })).toEqual({
      ok: false,
      problem: { code: 'worker.notLoaded', params: {} },
    });
    api.load(mm1, { durationSec: 30 });
    const refused = api.applyEvent({ type: 'killInstances', target: 'nope', count: 1 });
    expect(refused).toMatchObject({ ok: false, problem: { code: expect.any(String) } });
    expect(api.applyEvent({ type: 'killInstances', target: 'server', count: 1 })).toEqual({ ok: true });
    progressOf(api.advance(request()));
    expect(api.applyEvent({ type: 'killInstances', target: 'server', count: 1 })).toEqual({
      ok: false,
      problem: { code: 'worker.ended', params: { endSec: 30 } },
    });
  });
});

describe('the app’s budgets', () => {
  it('runs what the CLI’s default event budget refuses, and refuses what no budget allows', async () => {
    const doc = JSON.parse(readFileSync('e2e/documents/microservices.archsim.json', 'utf8'));
    const topology = validateTopology(doc);
    if (!topology.ok) throw new Error('the e2e document validates');
    // About 30 million events: over the 20 million a CLI run gets by default.
    expect(() => createSimulation(topology.topology)).toThrow(SimulationError);
    const api = createSimWorkerApi();
    expect(await api.load(doc, {})).toEqual({ ok: true });

    const absurd = structuredClone(doc);
    absurd.nodes[0].params.rateRps = 1e15;
    const refused = await api.load(absurd, {});
    expect('problem' in refused && refused.problem).toMatchObject({
      code: 'budget.events',
      path: 'nodes[0].params.rateRps',
    });
  });

  it('takes the budgets a load is given, over the app’s, and refuses one that is not a positive number', () => {
    const api = createSimWorkerApi();
    const busy = structuredClone(mm1);
    busy.nodes[0].params.rateRps = 1e7;
    // The app's 10⁹ events refuse it, a raised event budget lets it load.
    expect(api.load(busy, {})).toMatchObject({ problem: { code: 'budget.events', params: { limit: 1e9 } } });
    expect(api.load(busy, { budgets: { maxEvents: 1e12 } })).toEqual({ ok: true });
    // A lowered memory budget refuses even the small model, naming the limit it was given.
    expect(api.load(mm1, { budgets: { maxMemoryBytes: 1024 } })).toMatchObject({
      problem: { code: 'budget.memory', params: { limit: 1024 } },
    });
    expect(api.load(mm1, { budgets: { maxEvents: 0 } })).toEqual({
      ok: false,
      problem: {
        code: 'worker.option',
        params: { option: 'budgets.maxEvents', got: 0 },
        path: 'options.budgets.maxEvents',
      },
    });
    expect(api.load(mm1, { budgets: { maxMemoryBytes: Number.NaN } })).toMatchObject({
      problem: { code: 'worker.option', params: { option: 'budgets.maxMemoryBytes' } },
    });
    expect(api.load(mm1, { budgets: { maxCpu: 1 } as never })).toMatchObject({
      problem: { code: 'worker.option', params: { option: 'budgets.maxCpu', got: 1 } },
    });
  });
});
