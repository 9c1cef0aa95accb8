import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWorker } from './FakeWorker.ts';
import { SimClient, WorkerGone } from './simClient.ts';

const mm1 = JSON.parse(
  readFileSync(new URL('../../../sim-core/test/fixtures/mm1.archsim.json', import.meta.url), 'utf8'),
);

function supervised(deadlines = { load: 5000, call: 1000 }, { hung = false } = {}) {
  const workers: FakeWorker[] = [];
  const client = new SimClient(() => {
    const worker = new FakeWorker();
    if (hung) worker.hang();
    workers.push(worker);
    return worker as unknown as Worker;
  }, deadlines);
  return { client, workers };
}

/** Lets real message passing happen while timers are fake. */
const deliver = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

const slice = { toSec: 1, wallMs: 100, sinceWindow: 0, withSummary: false };

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

describe('the supervised simulation worker', () => {
  it('passes calls to the worker and its answers back', async () => {
    const { client, workers } = supervised();
    expect(await client.load(mm1, { durationSec: 30 })).toEqual({ ok: true });
    const answer = await client.advance(slice);
    expect(answer.ok && answer.progress.nowSec).toBe(1);
    expect(client.busy).toBe(false);
    expect(workers).toHaveLength(1);
  });

  it('terminates a worker that misses a deadline, tells why, and starts afresh on the next call', async () => {
    const { client, workers } = supervised();
    await client.load(mm1, { durationSec: 30 });
    workers[0].hang();
    const stuck = client.advance(slice).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(999);
    expect(workers[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await stuck;
    expect(error).toBeInstanceOf(WorkerGone);
    expect((error as WorkerGone).problem).toEqual({
      code: 'worker.stuck',
      params: { call: 'advance', seconds: 1 },
    });
    expect(workers[0].terminated).toBe(true);
    expect(client.busy).toBe(false);
    // The fresh worker knows nothing of the old run: it must be loaded again.
    const fresh = client.advance(slice);
    await deliver();
    expect(await fresh).toEqual({ ok: false, problem: { code: 'worker.notLoaded', params: {} } });
    expect(workers).toHaveLength(2);
  });

  it('counts a deadline from when the worker gets to the call, not from when it was made', async () => {
    const { client, workers } = supervised();
    await client.load(mm1, { durationSec: 30 });
    workers[0].held = true;
    const first = client.advance(slice);
    const second = client.advance({ ...slice, toSec: 2 });
    await vi.advanceTimersByTimeAsync(800);
    workers[0].release();
    await deliver();
    await vi.advanceTimersByTimeAsync(800);
    await deliver();
    expect((await first).ok).toBe(true);
    expect((await second).ok).toBe(true);
    expect(workers[0].terminated).toBe(false);
  });

  it('gives loading its own, longer deadline', async () => {
    const { client, workers } = supervised(undefined, { hung: true });
    const loading = client.load(mm1).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(4999);
    expect(workers[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(((await loading) as WorkerGone).problem).toMatchObject({ params: { call: 'load', seconds: 5 } });
  });

  it('cancels a busy worker by terminating it, and keeps an idle one', async () => {
    const { client, workers } = supervised();
    await client.load(mm1, { durationSec: 30 });
    client.cancel();
    expect(workers[0].terminated).toBe(false);
    workers[0].hang();
    const busy = client.advance(slice).catch((error: unknown) => error);
    client.cancel();
    expect(((await busy) as WorkerGone).problem.code).toBe('worker.cancelled');
    expect(workers[0].terminated).toBe(true);
    expect(await client.load(mm1, { durationSec: 30 })).toEqual({ ok: true });
    expect(workers).toHaveLength(2);
  });

  it('ends a worker that fails, rejecting what it had pending', async () => {
    const { client, workers } = supervised();
    await client.load(mm1, { durationSec: 30 });
    workers[0].held = true;
    const pending = client.advance(slice).catch((error: unknown) => error);
    workers[0].fail('out of memory');
    expect(((await pending) as WorkerGone).problem).toEqual({
      code: 'worker.crashed',
      params: { detail: 'out of memory' },
    });
    expect(workers[0].terminated).toBe(true);
  });
});
