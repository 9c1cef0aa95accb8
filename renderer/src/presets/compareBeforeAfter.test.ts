import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { AdvanceRequest, Progress } from '../../../sim-core/workerApi.ts';
import { emptyDoc } from '../model/document.ts';
import { Runner } from '../run/runner.ts';
import type { SimClient } from '../run/simClient.ts';
import { createStore } from '../store/store.ts';
import { compareBeforeAfter } from './compareBeforeAfter.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('runs both sides of a comparison at full speed, then gives the chosen speed back', async () => {
  const store = createStore();
  store.getState().setSpeed(10);
  // A simulation of 100 s, 10 s a slice; records, for every slice the runner asks for, the speed it
  // was at and whether it asked for as much as the worker can do in its wall budget.
  const speeds: number[][] = [];
  const unbounded: boolean[] = [];
  let now = 0;
  const client = {
    busy: false,
    load: async () => {
      now = 0;
      speeds.push([]);
      return { ok: true };
    },
    advance: async (request: AdvanceRequest) => {
      speeds[speeds.length - 1].push(store.getState().speed);
      unbounded.push(request.toSec === Number.POSITIVE_INFINITY);
      now = Math.min(100, now + 10, request.toSec);
      const progress: Progress = {
        nowSec: now,
        endSec: 100,
        done: now >= 100,
        windows: [],
        summary: null,
        events: 0,
        loopMs: 0,
      };
      return { ok: true, progress };
    },
    applyEvent: async () => ({ ok: true }),
    cancel: () => {},
    dispose: () => {},
  };
  const runner = new Runner(store, () => client as unknown as SimClient);
  const preset = (name: string) => ({ file: `${name}.json`, doc: { ...emptyDoc(), name }, stage: null });
  const phases: string[] = [];
  const done = compareBeforeAfter(store, runner, { before: preset('a'), after: preset('b') }, 'a', (p) =>
    phases.push(p),
  );
  await vi.advanceTimersByTimeAsync(60_000);
  expect(await done).toBe(true);
  expect(phases).toEqual(['before', 'after']);
  expect(speeds).toHaveLength(2);
  for (const side of speeds) {
    expect(side.length).toBeGreaterThan(0);
    expect(new Set(side)).toEqual(new Set([0]));
  }
  expect(unbounded.every(Boolean)).toBe(true);
  expect(store.getState().speed).toBe(10);
  runner.dispose();
});
