import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimWorkerApi } from './workerApi.ts';

const mm1 = JSON.parse(readFileSync(new URL('./test/fixtures/mm1.archsim.json', import.meta.url), 'utf8'));

describe('the simulation worker API', () => {
  it('runs a loaded topology in slices and returns structured-clone-safe snapshots', () => {
    const api = createSimWorkerApi();
    expect(api.load(mm1, { durationSec: 30 }).ok).toBe(true);
    expect(api.runFor(10)).toBe(10);
    const first = api.snapshot()!;
    expect(first.windows).toHaveLength(10);
    expect(structuredClone(first)).toEqual(first);
    expect(api.runFor(100)).toBe(30);
    const later = api.snapshot(10)!;
    expect(later.windows[0].index).toBe(10);
    expect(later.done).toBe(true);
  });

  it('reports bad input as results, not exceptions', () => {
    const api = createSimWorkerApi();
    const bad = api.load({
      format: 'archsim.topology',
      version: 1,
      nodes: [],
      scenario: { durationSec: -1 },
    });
    expect(bad.ok).toBe(false);
    expect(api.snapshot()).toBeNull();
    api.load(mm1, { durationSec: 5 });
    const refused = api.applyEvent({ type: 'killInstances', atSec: 0, target: 'nope', count: 1 });
    expect(refused).toEqual({ ok: false, message: 'killInstances: no node "nope"' });
    expect(api.applyEvent({ type: 'killInstances', atSec: 0, target: 'server', count: 1 })).toEqual({
      ok: true,
    });
  });
});
