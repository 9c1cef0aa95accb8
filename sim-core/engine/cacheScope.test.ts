import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../format/schema.ts';
import { parseTopologyText, validateTopology } from '../format/validate.ts';
import type { Summary } from '../results/types.ts';
import { constant, type Doc, edge, nodeRow, run, windowsIn } from '../test/simHarness.ts';
import { createSimulation } from './createSimulation.ts';

/*
 * A cache's scope: `shared` is the one cache the engine always had, `perInstance` one store per
 * instance of each caller. The theory of the hit ratios is in cacheTheory.test.ts; here, that shared
 * runs did not move, that one instance is the same cache either way, and that an instance's cache is
 * its own: emptied when its process restarts, flushed with the others, counted in the entries.
 */

type CacheScope = 'shared' | 'perInstance';

function preset(file: string, localScope?: CacheScope): Topology {
  const json = JSON.parse(readFileSync(new URL(`../../presets/${file}`, import.meta.url), 'utf8'));
  if (localScope !== undefined) {
    for (const n of json.nodes) if (n.id === 'local') n.params.scope = localScope;
  }
  const result = validateTopology(json);
  if (!result.ok) throw new Error(`${file} is invalid`);
  return result.topology;
}

function summaryOf(t: Topology, seed?: number): Summary {
  const sim = createSimulation(t, seed !== undefined ? { seed } : {});
  sim.runUntil(sim.endSec);
  const { wallMs: _wallMs, ...rest } = sim.summary();
  return rest as Summary;
}

describe('a shared cache', () => {
  // Figures of the cache presets with a shared local cache, as the engine gave them before caches
  // had a scope (commit 72aa0e4): same file, same seed, same numbers.
  it.each([
    ['expansion-cache-stampede.archsim.json', 0.8366829160203856, 0.5989214123393142, 11825, 362, 1077554],
    ['expansion-cache-coalesced.archsim.json', 0.837430755594948, 0.6068349647947793, 11447, 94.5, 1073993],
  ])('gives the figures it gave before scopes existed: %s', (file, local, redis, db, p99, events) => {
    const s = summaryOf(preset(file, 'shared'));
    expect(s.nodes.local.hitRatio).toBe(local);
    expect(s.nodes.redis.hitRatio).toBe(redis);
    expect(s.nodes.db.arrivals).toBe(db);
    expect(s.endToEnd.latencyMs.p99).toBe(p99);
    expect(s.events).toBe(events);
  });

  it('is the default: a file without a scope runs as one with "shared"', () => {
    const text = readFileSync(
      new URL('../../presets/trillion-edge-delivery.archsim.json', import.meta.url),
      'utf8',
    );
    const parsed = parseTopologyText(text);
    if (!parsed.ok) throw new Error('invalid preset');
    for (const n of parsed.topology.nodes) if (n.kind === 'cache') expect(n.params.scope).toBe('shared');
  });
});

function oneTier(replicas: number, scope: CacheScope, events: Doc['scenario']['events'] = []): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 1000, keys: { count: 200, zipfS: 0.8 } } },
      {
        id: 'api',
        kind: 'service',
        params: { replicas, concurrency: 100, serviceTimeMs: constant(1), startupSec: 1 },
      },
      { id: 'local', kind: 'cache', params: { capacity: 200, ttlSec: 3, scope, coalesceMisses: true } },
      { id: 'db', kind: 'database', params: { concurrency: 100, serviceTimeMs: constant(5) } },
    ],
    edges: [edge('users', 'api'), edge('api', 'local'), edge('local', 'db')],
    scenario: { durationSec: 30, seed: 4, events },
  };
}

describe('a per-instance cache', () => {
  it('behind a single instance is the shared cache, draw for draw', () => {
    for (const seed of [1, 2, 3]) {
      const shared = run(oneTier(1, 'shared'), { seed }).summary;
      const perInstance = run(oneTier(1, 'perInstance'), { seed }).summary;
      expect({ ...perInstance, wallMs: 0 }).toEqual({ ...shared, wallMs: 0 });
    }
  });

  it('starts empty when its replica restarts, while a shared cache keeps its entries', () => {
    const restart: Doc['scenario']['events'] = [{ type: 'rollingRestart', atSec: 15, target: 'api' }];
    // Replica 0 drains at 15 s and serves again at 16 s, replica 1 from 16 s to 17 s.
    const hitRatio = (scope: CacheScope) => {
      const { windows } = run(oneTier(2, scope, restart));
      return (from: number, to: number) => {
        const rows = windowsIn(windows, from, to).map((w) => nodeRow(w, 'local'));
        let hits = 0;
        let lookups = 0;
        for (const r of rows) {
          hits += (r.hitRatio ?? 0) * r.arrivals;
          lookups += r.arrivals;
        }
        return hits / lookups;
      };
    };
    const perInstance = hitRatio('perInstance');
    const shared = hitRatio('shared');
    // Warm at 10–15 s; after each restart the restarted replica misses every key once more.
    expect(perInstance(16, 18)).toBeLessThan(perInstance(10, 15) - 0.05);
    expect(Math.abs(shared(16, 18) - shared(10, 15))).toBeLessThan(0.03);
  });

  it('reached through a connection pool, starts empty when the replica owning the pool restarts', () => {
    // api -> pool -> local: each api replica has its own pool instance, whose calls have their own store.
    const doc = oneTier(2, 'perInstance', [{ type: 'rollingRestart', atSec: 15, target: 'api' }]);
    doc.nodes.push({ id: 'pool', kind: 'pool', params: { maxConnections: 100 } });
    doc.edges = [edge('users', 'api'), edge('api', 'pool'), edge('pool', 'local'), edge('local', 'db')];
    const rows = (from: number, to: number) =>
      windowsIn(run(doc).windows, from, to).map((w) => nodeRow(w, 'local'));
    const hitRatio = (from: number, to: number) => {
      let hits = 0;
      let lookups = 0;
      for (const r of rows(from, to)) {
        hits += (r.hitRatio ?? 0) * r.arrivals;
        lookups += r.arrivals;
      }
      return hits / lookups;
    };
    expect(hitRatio(16, 18)).toBeLessThan(hitRatio(10, 15) - 0.05);
  });

  it('is flushed in every instance at once, and the flush counts every instance’s entries', () => {
    const flush: Doc['scenario']['events'] = [{ type: 'cacheFlush', atSec: 10, target: 'local' }];
    const { summary } = run(oneTier(4, 'perInstance', flush));
    const applied = summary.eventsApplied.find((e) => e.type === 'cacheFlush');
    // 200 keys at 1000 rps with a 3 s TTL: each of the 4 instances holds nearly all of them.
    expect(applied?.detail.params.entries).toBeGreaterThan(4 * 150);
    expect(applied?.detail.params.entries).toBeLessThanOrEqual(4 * 200);
  });
});

describe('validation of a cache scope', () => {
  const doc = (params: Record<string, unknown>) => ({
    format: 'archsim.topology',
    version: 1,
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 10 } },
      { id: 'local', kind: 'cache', params },
      { id: 'origin', kind: 'cache', params: { hitRatio: 1 } },
    ],
    edges: [
      { id: 'in', source: 'users', target: 'local' },
      { id: 'out', source: 'local', target: 'origin' },
    ],
    scenario: { durationSec: 10 },
  });

  it('refuses a per-instance cache with a fixed hit ratio: it has no entries to keep per instance', () => {
    const result = validateTopology(doc({ hitRatio: 1, scope: 'perInstance' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toMatchObject([
      { code: 'cache.perInstanceNeedsCapacity', path: 'nodes[1].params.scope' },
    ]);
  });

  it('names the allowed scopes when given another', () => {
    const result = validateTopology(doc({ capacity: 10, scope: 'perReplica' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toMatchObject([{ code: 'value.oneOf', path: 'nodes[1].params.scope' }]);
  });
});
