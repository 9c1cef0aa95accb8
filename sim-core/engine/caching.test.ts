import { describe, expect, it } from 'vitest';
import { constant, type Doc, edge, nodeRow, run, windowsIn } from '../test/simHarness.ts';

/*
 * Caches in front of a database: the hit ratio a user reads, and the load that reaches the backing
 * store — steady, after a flush, and with misses coalesced.
 */

type CacheParams = Extract<Doc['nodes'][number], { kind: 'cache' }>['params'];

interface Options {
  rateRps?: number;
  keys?: number;
  zipfS?: number;
  flushAtSec?: number;
  /** The database's (constant) time per request. */
  storeMs?: number;
}

function cached(cache: CacheParams, options: Options = {}): Doc {
  return {
    nodes: [
      {
        id: 'users',
        kind: 'client',
        params: {
          rateRps: options.rateRps ?? 500,
          keys: { count: options.keys ?? 10_000, zipfS: options.zipfS ?? 1 },
        },
      },
      { id: 'cache', kind: 'cache', params: { hitLatencyMs: constant(0.5), ...cache } },
      {
        id: 'db',
        kind: 'database',
        params: { concurrency: 1000, serviceTimeMs: constant(options.storeMs ?? 20) },
      },
    ],
    edges: [edge('users', 'cache'), edge('cache', 'db')],
    scenario: {
      durationSec: 20,
      seed: 9,
      events:
        options.flushAtSec !== undefined
          ? [{ type: 'cacheFlush', atSec: options.flushAtSec, target: 'cache' }]
          : [],
    },
  };
}

describe('a cache with a fixed hit ratio', () => {
  it('hits at that ratio and sends only the misses to the backing store', () => {
    const { summary } = run(cached({ hitRatio: 0.8 }));
    const cache = summary.nodes.cache;
    // 10 000 lookups: the hit ratio's standard error is √(0.8·0.2/10⁴) = 0.004; allow 0.015.
    expect(cache.hitRatio).toBeGreaterThan(0.785);
    expect(cache.hitRatio).toBeLessThan(0.815);
    // Every miss, and only a miss, reaches the database (up to the last 20 ms still in flight there).
    const misses = cache.arrivals * (1 - (cache.hitRatio ?? 0));
    expect(Math.abs(summary.nodes.db.arrivals - misses)).toBeLessThanOrEqual(2);
    expect(summary.nodes.db.arrivals / cache.arrivals).toBeCloseTo(0.2, 1);
    // End to end: 0.5 ms for everyone, plus 20 ms for the misses.
    expect(summary.endToEnd.latencyMs.mean).toBeCloseTo(0.5 + (1 - (cache.hitRatio ?? 0)) * 20, 0);
  });
});

describe('an LRU cache over Zipf-distributed keys', () => {
  it('has a hit ratio between 0 and 1 that grows with its capacity', () => {
    const ratios = [50, 500, 5000].map((capacity) => {
      const ratio = run(cached({ capacity })).summary.nodes.cache.hitRatio;
      expect(ratio).not.toBeNull();
      return ratio ?? 0;
    });
    // With s = 1 over 10 000 keys the top c keys take about H(c)/H(10⁴) of the traffic: roughly 0.46,
    // 0.69 and 0.93 for an ideal cache. LRU falls short of that, and a cold start costs a little.
    expect(ratios[0]).toBeGreaterThan(0.2);
    expect(ratios[2]).toBeLessThan(1);
    expect(ratios[1]).toBeGreaterThan(ratios[0] + 0.1);
    expect(ratios[2]).toBeGreaterThan(ratios[1] + 0.1);
  });
});

describe('a cache flush', () => {
  // 1000 rps over 200 keys (s = 0.8) into a cache that holds them all: after warming up, almost every
  // lookup hits; the flush at 10 s empties it.
  const doc = (coalesceMisses: boolean) =>
    cached({ capacity: 200, coalesceMisses }, { rateRps: 1000, keys: 200, zipfS: 0.8, flushAtSec: 10 });

  it('sends a burst of misses to the backing store in the window after it, then recovers', () => {
    const { windows } = run(doc(false));
    const db = (from: number, to: number) =>
      windowsIn(windows, from, to).map((w) => nodeRow(w, 'db').arrivals);
    const before = db(5, 10);
    const after = db(10, 11)[0];
    const later = db(12, 20);
    // Warm: the store sees at most a few misses a second (keys not drawn yet, about 1 in 200).
    for (const n of before) expect(n).toBeLessThan(20);
    // Right after the flush each key misses once, and concurrently drawn hot keys miss again while
    // the first miss is in flight (20 ms): at least the ~150 distinct keys drawn in a second.
    expect(after).toBeGreaterThan(100);
    expect(after).toBeGreaterThan(10 * Math.max(...before));
    for (const n of later) expect(n).toBeLessThan(20);
    expect(nodeRow(windows[10], 'cache').hitRatio ?? 1).toBeLessThan(
      nodeRow(windows[9], 'cache').hitRatio ?? 0,
    );
  });

  it('with coalesced misses sends fewer requests to the store after the flush', () => {
    // A slower store (100 ms) at 2000 rps: while a key's first miss is in flight, a hot key is drawn
    // many times more (the top key, ≈ 10% of traffic, about 20 times).
    const first = (coalesceMisses: boolean) => {
      const options = { rateRps: 2000, keys: 200, zipfS: 0.8, flushAtSec: 10, storeMs: 100 };
      return nodeRow(run(cached({ capacity: 200, coalesceMisses }, options)).windows[10], 'db').arrivals;
    };
    const plain = first(false);
    const coalesced = first(true);
    // Without coalescing every one of those draws misses too: about 2000 × 0.1 s ≈ 200 extra misses
    // on top of one per distinct key. Coalesced, a key goes to the store about once: a lookup that
    // missed just before the fill landed (within its 0.5 ms lookup time) starts a new fetch, so allow a
    // few more than the 200 keys.
    expect(coalesced).toBeLessThanOrEqual(210);
    expect(coalesced).toBeLessThan(0.75 * plain);
  });

  it('coalesced waiters get the leader’s answer, so nobody fails and latency stays bounded', () => {
    const { summary } = run(doc(true));
    expect(summary.endToEnd.errors.total).toBe(0);
    // A waiter joins a miss already in flight, so it waits at most the miss's 20.5 ms.
    expect(summary.endToEnd.latencyMs.max).toBeLessThanOrEqual(20.5 + 1e-6);
  });
});
