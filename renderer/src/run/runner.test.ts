import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdvanceRequest, Failure, Progress } from '../../../sim-core/workerApi.ts';
import type { Doc } from '../model/document.ts';
import { createStore } from '../store/store.ts';
import { FakeWorker } from './FakeWorker.ts';
import { Runner } from './runner.ts';
import { SimClient } from './simClient.ts';

const mm1: Doc = JSON.parse(
  readFileSync(new URL('../../../sim-core/test/fixtures/mm1.archsim.json', import.meta.url), 'utf8'),
);
const mm1For = (durationSec: number): Doc => ({
  ...structuredClone(mm1),
  scenario: { ...mm1.scenario, durationSec },
});
const shortMm1 = () => mm1For(40);

afterEach(() => vi.useRealTimers());

/** A store holding `doc`, set to run as fast as possible. */
function storeWith(doc: Doc) {
  const store = createStore();
  store.getState().load(doc, null);
  store.getState().setSpeed(0);
  return store;
}

/** The real worker API in this thread behind the real supervisor; `workers` are the ones it started. */
function realClient(deadlines = { load: 30_000, call: 10_000 }) {
  const workers: FakeWorker[] = [];
  const client = new SimClient(() => {
    const worker = new FakeWorker(() => performance.now());
    workers.push(worker);
    return worker as unknown as Worker;
  }, deadlines);
  return { client, workers };
}

type Store = ReturnType<typeof createStore>;

/** Resolves once the store's state satisfies `test`. */
function becomes(store: Store, test: (s: ReturnType<Store['getState']>) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (test(store.getState())) return resolve();
    const stop = store.subscribe((s) => {
      if (test(s)) {
        stop();
        resolve();
      }
    });
  });
}

/** Resolves once the store's status is `status`. */
function statusBecomes(store: Store, status: string): Promise<void> {
  return becomes(store, (s) => s.status === status);
}

/** A client whose answers the test gives one by one, logging what the runner asks and receives. */
function scriptedClient() {
  const log: string[] = [];
  const answers: ((answer: { ok: true; progress: Progress } | Failure) => void)[] = [];
  const requests: AdvanceRequest[] = [];
  const client = {
    busy: false,
    load: async () => ({ ok: true }) as const,
    advance: (request: AdvanceRequest) => {
      requests.push(request);
      log.push(`ask ${requests.length}`);
      return new Promise((resolve) => answers.push(resolve));
    },
    applyEvent: async () => ({ ok: true }) as const,
    cancel: () => log.push('cancel'),
    dispose: () => {},
  };
  const progress = (nowSec: number, windows: number, done = false): Progress => ({
    nowSec,
    endSec: 10,
    done,
    windows: Array.from({ length: windows }, () => ({}) as never),
    summary: null,
    events: nowSec * 100,
    loopMs: nowSec,
  });
  return { client: client as unknown as SimClient, log, answers, requests, progress };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the runner at max speed', () => {
  it('keeps a slice waiting in the worker while it takes in an answer, so the worker never idles', async () => {
    const store = storeWith(emptyLike());
    const scripted = scriptedClient();
    const runner = new Runner(store, () => scripted.client);
    // How many slices the worker has waiting, each time the store takes in an answer.
    const waiting: number[] = [];
    let answered = 0;
    store.subscribe((s, before) => {
      if (s.windows.length !== before.windows.length) waiting.push(scripted.requests.length - answered);
    });
    const answer = async (nowSec: number, windows: number) => {
      scripted.answers[answered++]({ ok: true, progress: scripted.progress(nowSec, windows) });
      await flush();
    };
    await runner.run();
    expect(scripted.requests).toHaveLength(2);
    await answer(2, 2);
    await answer(5, 3);
    await answer(6, 1);
    expect(waiting).toEqual([1, 1, 1]);
    expect(store.getState().windows).toHaveLength(6);
    // The worker keeps count of the windows it has sent: requests need not wait for the answer before.
    expect(scripted.requests.every((r) => r.sinceWindow === undefined)).toBe(true);
    expect(scripted.requests.every((r) => r.toSec === Number.POSITIVE_INFINITY && r.wallMs === 100)).toBe(
      true,
    );
    // The summary is asked for about once a second, not with every slice.
    expect(scripted.requests.map((r) => r.withSummary)).toEqual([true, false, false, false, false]);

    runner.pause();
    await answer(7, 2);
    await answer(8, 1);
    // Paused: the slices asked for are taken in, then one call brings the summary up to date.
    expect(store.getState()).toMatchObject({ nowSec: 8, status: 'paused' });
    expect(store.getState().windows).toHaveLength(9);
    expect(scripted.requests).toHaveLength(6);
    expect(scripted.requests[5]).toMatchObject({ toSec: 8, withSummary: true });
    expect(store.getState().work).toMatchObject({ events: 800, loopMs: 8 });
  });

  it('runs a real model to its end and reports the worker’s work', async () => {
    const store = storeWith(shortMm1());
    const { client } = realClient();
    const runner = new Runner(store, () => client);
    const done = statusBecomes(store, 'done');
    await runner.run();
    await done;
    const s = store.getState();
    expect(s.nowSec).toBe(40);
    expect(s.windows.map((w) => w.index)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(s.summary?.simulatedSec).toBe(40);
    expect(s.work?.events).toBe(s.summary?.events);
    runner.dispose();
  });
});

describe('the runner when the worker is stuck', () => {
  it('tells the user in a message, leaves the document as it was, and runs again after Reset', async () => {
    // An hour: however warm the engine, the slices already sent cannot finish the run before the hang.
    const store = storeWith(mm1For(3600));
    const docBefore = structuredClone(store.getState().doc);
    const { client, workers } = realClient({ load: 30_000, call: 300 });
    const runner = new Runner(store, () => client);
    await runner.run();
    workers[0].hang();
    await statusBecomes(store, 'idle');
    expect(store.getState().notice).toEqual({
      kind: 'error',
      what: { message: { code: 'worker.stuck', params: { call: 'advance', seconds: 0 } } },
    });
    expect(workers[0].terminated).toBe(true);
    expect(store.getState().doc).toEqual(docBefore);
    runner.reset();
    const running = becomes(store, (s) => s.nowSec > 5);
    await runner.run();
    await running;
    expect(workers).toHaveLength(2);
    expect(workers[1].terminated).toBe(false);
    expect(store.getState()).toMatchObject({ status: 'running', notice: null });
    runner.dispose();
  });

  it('Reset terminates a busy worker at once, so the next run does not wait behind it', async () => {
    const store = storeWith(shortMm1());
    const { client, workers } = realClient();
    const runner = new Runner(store, () => client);
    await runner.run();
    workers[0].hang();
    await flush();
    runner.reset();
    expect(workers[0].terminated).toBe(true);
    expect(store.getState()).toMatchObject({ status: 'idle', windows: [], notice: null });
    const done = statusBecomes(store, 'done');
    await runner.run();
    await done;
    expect(store.getState().nowSec).toBe(40);
    runner.dispose();
  });
});

describe('the runner when the engine refuses', () => {
  it('says why a run will not start and marks what it names', async () => {
    const store = storeWith(shortMm1());
    const problem = {
      code: 'budget.events',
      params: { estimate: 1e13, limit: 1e10 },
      path: 'nodes[0].params.rateRps',
    };
    const scripted = scriptedClient();
    (scripted.client as unknown as { load: () => Promise<Failure> }).load = async () => ({
      ok: false,
      problem,
    });
    const runner = new Runner(store, () => scripted.client);
    await runner.run();
    expect(store.getState()).toMatchObject({
      status: 'idle',
      runProblem: { problem },
      notice: { kind: 'error', what: { message: problem } },
    });
    expect(scripted.requests).toHaveLength(0);
  });

  it('ends a run the engine stops, naming the nodes, and keeps the results so far', async () => {
    const store = storeWith(emptyLike());
    const scripted = scriptedClient();
    const runner = new Runner(store, () => scripted.client);
    await runner.run();
    scripted.answers[0]({ ok: true, progress: scripted.progress(2, 2) });
    await flush();
    const problem = { code: 'watchdog.zeroTimeLoop', params: { events: 1e6 }, nodes: ['a', 'b'] };
    scripted.answers[1]({ ok: false, problem });
    await flush();
    expect(store.getState()).toMatchObject({ status: 'idle', runProblem: { problem }, nowSec: 2 });
    expect(store.getState().windows).toHaveLength(2);
    expect(store.getState().notice).toEqual({ kind: 'error', what: { message: problem } });
  });

  it('drops an answer that comes for a run the user has since replaced', async () => {
    const store = storeWith(emptyLike());
    const scripted = scriptedClient();
    const runner = new Runner(store, () => scripted.client);
    await runner.run();
    store.getState().load(emptyLike(), 'other.archsim.json');
    scripted.answers[0]({ ok: true, progress: scripted.progress(2, 2) });
    await flush();
    expect(store.getState()).toMatchObject({ status: 'idle', nowSec: 0, windows: [] });
    // The two slices asked for ahead, and no more.
    expect(scripted.requests).toHaveLength(2);
  });
});

describe('live events', () => {
  it('are refused with a reason before a run and after its end', async () => {
    const store = storeWith(shortMm1());
    const { client } = realClient();
    const runner = new Runner(store, () => client);
    await runner.inject({ type: 'killInstances', target: 'server', count: 1 });
    expect(store.getState().notice).toEqual({ kind: 'info', what: { key: 'chaos.notRunning' } });
    const done = statusBecomes(store, 'done');
    await runner.run();
    // The run answers the notice before it.
    expect(store.getState().notice).toBeNull();
    await done;
    await runner.inject({ type: 'killInstances', target: 'server', count: 1 });
    expect(store.getState().notice).toEqual({
      kind: 'error',
      what: { message: { code: 'worker.ended', params: { endSec: 40 } } },
    });
    runner.dispose();
  });

  it('while paused, are taken in at once', async () => {
    const store = storeWith(shortMm1());
    const { client } = realClient();
    const runner = new Runner(store, () => client);
    await runner.step();
    expect(store.getState()).toMatchObject({ status: 'paused', nowSec: 1 });
    await runner.inject({ type: 'killInstances', target: 'server', count: 1 });
    expect(store.getState().summary?.eventsApplied.map((e) => e.type)).toContain('killInstances');
    runner.dispose();
  });
});

/** A document that validates (the scripted client never looks at it). */
function emptyLike(): Doc {
  return shortMm1();
}
