import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Snapshot } from '../../../sim-core/results/types.ts';
import { emptyDoc } from '../model/document.ts';
import { createStore } from '../store/store.ts';
import { Runner } from './runner.ts';
import type { SimClient } from './simClient.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A simulation client whose `runFor(0)` (the update after a live event) waits until released. */
function fakeClient() {
  let now = 0;
  let release: () => void = () => {};
  const client = {
    runForCalls: 0,
    load: async () => ({ ok: true }),
    runFor: async (simSec: number) => {
      client.runForCalls++;
      if (simSec === 0) await new Promise<void>((resolve) => (release = resolve));
      now += simSec;
      return now;
    },
    applyEvent: async () => ({ ok: true }),
    snapshot: async () =>
      ({ nowSec: now, endSec: 100, done: false, windows: [], summary: {} }) as unknown as Snapshot,
    dispose: () => {},
    release: () => release(),
  };
  return client;
}

it('keeps running when a tick comes while a live event is being applied', async () => {
  const store = createStore();
  store.getState().load(emptyDoc(), null);
  const client = fakeClient();
  const runner = new Runner(store, () => client as unknown as SimClient);
  await runner.run();
  await vi.advanceTimersByTimeAsync(250);
  expect(store.getState().status).toBe('running');

  const injected = runner.inject({ type: 'killInstances', target: 'api', fraction: 0.5 });
  await vi.advanceTimersByTimeAsync(0);
  // The tick that falls while the event's update is pending must not end the run.
  await vi.advanceTimersByTimeAsync(150);
  client.release();
  await injected;
  const before = client.runForCalls;
  await vi.advanceTimersByTimeAsync(500);
  expect(client.runForCalls).toBeGreaterThan(before + 2);
  runner.dispose();
});
