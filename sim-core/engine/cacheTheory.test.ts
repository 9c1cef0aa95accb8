import { afterAll, describe, expect, it } from 'vitest';
import type { SimulationOptions } from '../api.ts';
import type { Summary, WindowStats } from '../results/types.ts';
import { constant, type Doc, edge, nodeRow, run } from '../test/simHarness.ts';

/*
 * A TTL cache against renewal theory. One key requested as a Poisson stream of rate λ, into a cache
 * whose entry lives T after the miss that filled it (no coalescing, a backing store that answers at
 * once): each cycle is one miss and then, on average, λT hits before the entry expires, so the hit
 * ratio is λT / (1 + λT). K keys drawn uniformly are K independent streams of λ = rate / K each.
 *
 * Per instance, with n replicas each chosen at random for every request (a service called straight
 * from its client), a replica's cache sees an independent Poisson share λ/n of every key: its hit
 * ratio is (λ/n)T / (1 + (λ/n)T), whatever the other replicas hold. A shared cache keeps λT/(1+λT)
 * however many replicas call it.
 *
 * Tolerance: |simulated − theory| ≤ Z·SE, SE by batch means over the windows after warm-up (20 batches
 * of consecutive 3 s windows, many TTLs each, so close to independent), Z = 5 as in theory.test.ts. The
 * capacity holds every key, so nothing is evicted. The seed is fixed; `ARCHSIM_SEED_OFFSET=n` tries
 * others. `THEORY_TABLE=1 npx vitest run sim-core/engine/cacheTheory.test.ts` prints the checks.
 */
const Z = 5;
const BATCHES = 20;
const RATE_RPS = 2000;
const KEYS = 1000;
const TTL_SEC = 1;
const WARMUP_SEC = 10;

const table: { check: string; simulated: number; theory: number; tolerance: number }[] = [];
afterAll(() => {
  if (process.env.THEORY_TABLE) console.table(table);
});

function ttlCache(replicas: number, scope: 'shared' | 'perInstance'): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: RATE_RPS, keys: { count: KEYS, zipfS: 0 } } },
      { id: 'api', kind: 'service', params: { replicas, concurrency: 1000, serviceTimeMs: constant(0) } },
      { id: 'local', kind: 'cache', params: { capacity: KEYS, ttlSec: TTL_SEC, scope } },
      { id: 'origin', kind: 'cache', params: { hitRatio: 1 } },
    ],
    edges: [edge('users', 'api'), edge('api', 'local'), edge('local', 'origin')],
    scenario: { durationSec: 70, warmupSec: WARMUP_SEC, windowSec: 3, seed: 12 },
  };
}

/** λT / (1 + λT) for a key requested at `perKeyRps` and kept `ttlSec`. */
const ttlHitRatio = (perKeyRps: number, ttlSec: number) => (perKeyRps * ttlSec) / (1 + perKeyRps * ttlSec);

/** The cache's hit ratio after warm-up and its standard error by batch means. */
function hitRatioWithSE(windows: WindowStats[]): { ratio: number; se: number } {
  const after = windows.filter((w) => w.startSec >= WARMUP_SEC - 1e-9);
  const part = (w: WindowStats): [number, number] => {
    const row = nodeRow(w, 'local');
    return [(row.hitRatio ?? 0) * row.arrivals, row.arrivals];
  };
  let hits = 0;
  let lookups = 0;
  const batches: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    let h = 0;
    let n = 0;
    for (const w of after.slice(
      Math.floor((b * after.length) / BATCHES),
      Math.floor(((b + 1) * after.length) / BATCHES),
    )) {
      const [x, y] = part(w);
      h += x;
      n += y;
    }
    batches.push(h / n);
    hits += h;
    lookups += n;
  }
  const mean = batches.reduce((a, v) => a + v, 0) / BATCHES;
  const variance = batches.reduce((a, v) => a + (v - mean) ** 2, 0) / (BATCHES - 1);
  return { ratio: hits / lookups, se: Math.sqrt(variance / BATCHES) };
}

function expectTheory(
  check: string,
  doc: Doc,
  theory: number,
  options: SimulationOptions = {},
): { summary: Summary; ratio: number } {
  const { summary, windows } = run(doc, options);
  const { ratio, se } = hitRatioWithSE(windows);
  // The summary's ratio is the same lookups counted once more.
  expect(summary.nodes.local.hitRatio ?? 0).toBeCloseTo(ratio, 9);
  table.push({ check, simulated: ratio, theory, tolerance: Z * se });
  expect(
    Math.abs(ratio - theory),
    `${check}: simulated ${ratio}, theory ${theory}, SE ${se}`,
  ).toBeLessThanOrEqual(Z * se);
  return { summary, ratio };
}

describe('a TTL cache with Poisson requests per key', () => {
  const perKeyRps = RATE_RPS / KEYS;

  it('shared: hits λT/(1+λT), however many replicas call it', () => {
    const theory = ttlHitRatio(perKeyRps, TTL_SEC);
    expect(theory).toBeCloseTo(2 / 3, 12);
    expectTheory('shared, 1 replica', ttlCache(1, 'shared'), theory);
    expectTheory('shared, 8 replicas', ttlCache(8, 'shared'), theory);
  });

  it('per instance: each of n replicas hits (λ/n)T/(1+(λ/n)T), falling as replicas grow', () => {
    const ratios = [1, 2, 8].map(
      (n) =>
        expectTheory(
          `perInstance, ${n} replicas`,
          ttlCache(n, 'perInstance'),
          ttlHitRatio(perKeyRps / n, TTL_SEC),
        ).ratio,
    );
    expect(ratios[0]).toBeGreaterThan(ratios[1]);
    expect(ratios[1]).toBeGreaterThan(ratios[2]);
  });

  it('per instance and sampled (2 of every 8 replicas, a quarter of the traffic): the same, and exact', () => {
    const theory = ttlHitRatio(perKeyRps / 8, TTL_SEC);
    const { summary } = expectTheory(
      'perInstance, 8 replicas, sampled ¼',
      ttlCache(8, 'perInstance'),
      theory,
      {
        sampling: 0.25,
      },
    );
    expect(summary.sampling).toMatchObject({ kept: 1, of: 4 });
    // Each sampled replica sees a real replica's rate, so the TTL is no approximation here.
    expect(summary.notices.map((n) => n.code)).not.toContain('sampling.approx.cacheTtl');
  });
});
