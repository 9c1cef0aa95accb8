import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { SimulationOptions } from '../api.ts';
import type { InstanceScope } from '../format/schema.ts';
import { validateTopology } from '../format/validate.ts';
import {
  constant,
  type Doc,
  edge,
  edgeRow,
  exponential,
  run,
  sum,
  topology,
  windowsIn,
} from '../test/simHarness.ts';
import { createSimulation } from './createSimulation.ts';
import { planSampling } from './sampling.ts';

/*
 * A circuit breaker's scope: `shared` is the one breaker an edge always had, `perInstance` one for each
 * instance of the caller. The theory first, on a model with a closed-form answer; then that shared runs
 * did not move, that one instance is the same breaker either way, that a restarted replica's breaker
 * starts closed, what sampling does with each, and the validation of the field.
 *
 * The model: users send Poisson λ to `api` (N replicas, each request to one at random, so each replica
 * sees Poisson λ/N), which calls `dep` through a breaker (errorRatio ½, minRequests m, openSec O, a
 * window longer than the fault). `dep` answers at once and fails every call from 0 s to F s. With k
 * breakers (1 shared, N per instance) each sees Poisson r = λ/k:
 *
 * - Closed: every attempt fails, so each breaker lets exactly m failed attempts through and opens after
 *   the m-th: k·m in all, inside the first window (m arrivals at r ≥ 250/s take about 0.08 s; the
 *   first probe comes at least O = 1 s later, and no attempt is ever in flight, `dep` answering at once).
 * - Open: each breaker lets one probe through on the first arrival after O; it fails and reopens the
 *   breaker. A breaker opened at t₀ ≈ m/r probes every O + 1/r on average, so it sends
 *   (F − m/r) / (O + 1/r) probes before the fault ends: k times as many probes for k breakers.
 *
 * Failed attempts that went through (the edge's `intrinsic` errors, as against `circuitOpen` for
 * those failed fast): k·m + k·(F − m/r)/(O + 1/r). Tolerance: the first part is exact. A breaker's
 * probe count is a whole number, the last i with t₀ + i·O + (i waits for an arrival) < F; the waits of
 * its ~30 probes and of its first m attempts add up to a few hundredths of a second with a standard
 * deviation under 0.01 s, far less than a cycle of O = 1 s, so each breaker's count is within 1 of
 * the formula: k in all. `THEORY_TABLE=1 npx vitest run sim-core/engine/breakerScope.test.ts` prints
 * the checks; `ARCHSIM_SEED_OFFSET=n` tries other seeds.
 */
const RATE_RPS = 1000;
const REPLICAS = 4;
const MIN_REQUESTS = 20;
const OPEN_SEC = 1;
const FAULT_SEC = 30;
const DEP = 'api->dep';

const table: { check: string; simulated: number; theory: number; tolerance: number }[] = [];
afterAll(() => {
  if (process.env.THEORY_TABLE) console.table(table);
});

function deadDependency(scope: InstanceScope, events: Doc['scenario']['events'] = []): Doc {
  return {
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: RATE_RPS } },
      {
        id: 'api',
        kind: 'service',
        params: { replicas: REPLICAS, concurrency: 1000, serviceTimeMs: constant(0), startupSec: 1 },
      },
      // Two replicas, so that sampling at ½ keeps a whole one.
      { id: 'dep', kind: 'service', params: { replicas: 2, concurrency: 1000, serviceTimeMs: constant(0) } },
    ],
    edges: [
      edge('users', 'api'),
      edge('api', 'dep', {
        circuitBreaker: {
          errorRatio: 0.5,
          minRequests: MIN_REQUESTS,
          windowSec: 60,
          openSec: OPEN_SEC,
          scope,
        },
      }),
    ],
    scenario: {
      durationSec: FAULT_SEC + 10,
      windowSec: 1,
      seed: 5,
      events: [{ type: 'injectErrors', atSec: 0, durationSec: FAULT_SEC, target: 'dep', rate: 1 }, ...events],
    },
  };
}

/** The closed-form figures for `breakers` breakers sharing λ. */
function theory(breakers: number) {
  const r = RATE_RPS / breakers;
  const probes = (breakers * (FAULT_SEC - MIN_REQUESTS / r)) / (OPEN_SEC + 1 / r);
  return { beforeOpen: breakers * MIN_REQUESTS, probes, failedThrough: breakers * MIN_REQUESTS + probes };
}

function measured(doc: Doc, options: SimulationOptions = {}) {
  const { summary, windows } = run(doc, options);
  const failed = (w: (typeof windows)[number]) => edgeRow(w, DEP).errors.intrinsic;
  return {
    summary,
    windows,
    beforeOpen: failed(windows[0]),
    probes: sum(windowsIn(windows, 1, FAULT_SEC), failed),
    failedThrough: summary.edges[DEP].errors.intrinsic,
  };
}

describe('a breaker in front of a dependency that is down for F seconds', () => {
  for (const [scope, breakers] of [
    ['shared', 1],
    ['perInstance', REPLICAS],
  ] as const) {
    it(`${scope}: ${breakers} × minRequests failures before it opens, ${breakers} probe(s) every openSec`, () => {
      const expected = theory(breakers);
      const got = measured(deadDependency(scope));
      table.push(
        {
          check: `${scope}: before open`,
          simulated: got.beforeOpen,
          theory: expected.beforeOpen,
          tolerance: 0,
        },
        { check: `${scope}: probes`, simulated: got.probes, theory: expected.probes, tolerance: breakers },
        {
          check: `${scope}: failed through`,
          simulated: got.failedThrough,
          theory: expected.failedThrough,
          tolerance: breakers,
        },
      );
      expect(got.beforeOpen).toBe(expected.beforeOpen);
      expect(Math.abs(got.probes - expected.probes)).toBeLessThan(breakers);
      expect(Math.abs(got.failedThrough - expected.failedThrough)).toBeLessThan(breakers);
      // Every other call failed fast, and after the fault each breaker's next probe closed it.
      const e = got.summary.edges[DEP];
      expect(e.errors.circuitOpen + e.errors.intrinsic).toBe(e.errors.total);
      for (const w of windowsIn(got.windows, FAULT_SEC + OPEN_SEC + 0.1, FAULT_SEC + 10))
        expect(edgeRow(w, DEP).errors.total).toBe(0);
    });
  }

  it('restarting a replica closes its own per-instance breaker, and leaves a shared one open', () => {
    // Replica i drains at 10 + i s and serves again a second later: each new process lets minRequests
    // more failures through. Over 10–16 s each breaker also probes once a second at most.
    const restart: Doc['scenario']['events'] = [
      { type: 'rollingRestart', atSec: 10, target: 'api', batch: 1 },
    ];
    const failed = (scope: InstanceScope) =>
      sum(
        windowsIn(run(deadDependency(scope, restart)).windows, 10, 16),
        (w) => edgeRow(w, DEP).errors.intrinsic,
      );
    const perInstance = failed('perInstance');
    expect(perInstance).toBeGreaterThanOrEqual(REPLICAS * MIN_REQUESTS);
    expect(perInstance).toBeLessThanOrEqual(REPLICAS * MIN_REQUESTS + 6 * REPLICAS);
    expect(failed('shared')).toBeLessThanOrEqual(6);
  });

  // A pool and a per-instance cache live in their caller's process: each api replica has its own
  // instance of one, and a per-instance breaker on its calls onward is that replica's too.
  it.each([
    ['pool', { kind: 'pool', params: { maxConnections: 1000 } }],
    ['per-instance cache', { kind: 'cache', params: { scope: 'perInstance', capacity: 1, ttlSec: 1 } }],
  ] as const)('restarting a replica also closes the breakers on the calls of its %s', (_, hop) => {
    const throughHop = (scope: InstanceScope): Doc => {
      const doc = deadDependency(scope, [{ type: 'rollingRestart', atSec: 10, target: 'api', batch: 1 }]);
      doc.nodes.push({ id: 'hop', ...hop });
      const circuitBreaker = doc.edges?.[1].params?.circuitBreaker;
      doc.edges = [edge('users', 'api'), edge('api', 'hop'), edge('hop', 'dep', { circuitBreaker })];
      return doc;
    };
    const failed = (scope: InstanceScope) =>
      sum(windowsIn(run(throughHop(scope)).windows, 10, 16), (w) => edgeRow(w, 'hop->dep').errors.intrinsic);
    const perInstance = failed('perInstance');
    expect(perInstance).toBeGreaterThanOrEqual(REPLICAS * MIN_REQUESTS);
    expect(perInstance).toBeLessThanOrEqual(REPLICAS * MIN_REQUESTS + 6 * REPLICAS);
    expect(failed('shared')).toBeLessThanOrEqual(6);
  });
});

describe('replica sampling', () => {
  it('keeps a per-instance breaker of a service exact: the same failures through, scaled back', () => {
    const off = measured(deadDependency('perInstance'));
    const half = measured(deadDependency('perInstance'), { sampling: 0.5 });
    expect(half.summary.sampling).toMatchObject({ kept: 1, of: 2 });
    expect(half.summary.notices.map((n) => n.code)).not.toContain('sampling.approx.breaker');
    // Two sampled replicas, each with the breaker of a real one: 2 × 49 failures, counted twice.
    expect(half.failedThrough).toBe(off.failedThrough);
  });

  it('flags a shared breaker, whose counts sampling thins but whose probes it does not', () => {
    const off = measured(deadDependency('shared'));
    const half = measured(deadDependency('shared'), { sampling: 0.5 });
    expect(half.summary.notices).toContainEqual({ code: 'sampling.approx.breaker', params: { edge: DEP } });
    // One breaker at half the rate, counted twice: twice the real figure.
    expect(half.failedThrough).toBe(2 * off.failedThrough);
  });

  it('flags a per-instance breaker whose caller has one instance for all the traffic', () => {
    const doc = deadDependency('perInstance');
    doc.edges = [
      edge('users', 'api', { circuitBreaker: { errorRatio: 0.5, scope: 'perInstance' } }),
      edge('api', 'dep'),
    ];
    const codes = planSampling(topology(doc), 0.5).notices.map((n) => n.code);
    expect(codes).toContain('sampling.approx.breaker');
  });
});

describe('a caller with one instance', () => {
  const chains = fc.record({
    fromClient: fc.boolean(),
    errorRatio: fc.integer({ min: 1, max: 10 }).map((x) => x / 10),
    minRequests: fc.integer({ min: 1, max: 30 }),
    windowSec: fc.constantFrom(0.5, 2, 10),
    openSec: fc.constantFrom(0.2, 1, 3),
    errorRate: fc.integer({ min: 0, max: 6 }).map((x) => x / 10),
    timeoutMs: fc.constantFrom(undefined, 8),
    retries: fc.integer({ min: 0, max: 2 }),
    seed: fc.integer({ min: 1, max: 1000 }),
  });

  it('goes through the same breaker shared or per instance, draw for draw', () => {
    fc.assert(
      fc.property(chains, (p) => {
        const doc = (scope: InstanceScope): Doc => {
          const breaker = {
            timeoutMs: p.timeoutMs,
            retries: p.retries > 0 ? { max: p.retries, backoffMs: 5, jitter: 0.5 } : undefined,
            circuitBreaker: {
              errorRatio: p.errorRatio,
              minRequests: p.minRequests,
              windowSec: p.windowSec,
              openSec: p.openSec,
              scope,
            },
          };
          return {
            nodes: [
              { id: 'users', kind: 'client', params: { rateRps: 200 } },
              { id: 'api', kind: 'service', params: { concurrency: 4, serviceTimeMs: exponential(1) } },
              {
                id: 'dep',
                kind: 'service',
                params: { concurrency: 2, serviceTimeMs: exponential(4), errorRate: p.errorRate },
              },
            ],
            edges: [
              edge('users', 'api', p.fromClient ? breaker : {}),
              edge('api', 'dep', p.fromClient ? {} : breaker),
            ],
            scenario: {
              durationSec: 20,
              seed: p.seed,
              events: [{ type: 'injectErrors', atSec: 5, durationSec: 5, target: 'dep', rate: 0.5 }],
            },
          };
        };
        const shared = run(doc('shared')).summary;
        const perInstance = run(doc('perInstance')).summary;
        expect({ ...perInstance, wallMs: 0 }).toEqual({ ...shared, wallMs: 0 });
      }),
      { numRuns: 12, seed: 7 },
    );
  });
});

describe('a shared breaker', () => {
  it('gives the figures it gave before breakers had a scope (commit c38a560): expansion-breaker-guarded', () => {
    const json = readFileSync(
      new URL('../../presets/expansion-breaker-guarded.archsim.json', import.meta.url),
      'utf8',
    );
    const result = validateTopology(JSON.parse(json));
    if (!result.ok) throw new Error('invalid preset');
    for (const e of result.topology.edges)
      if (e.params.circuitBreaker) expect(e.params.circuitBreaker.scope).toBe('shared');
    const sim = createSimulation(result.topology);
    sim.runUntil(sim.endSec);
    const s = sim.summary();
    expect(s.events).toBe(472662);
    expect(s.endToEnd.latencyMs.p99).toBe(310);
    expect(s.edges['pool-recommend'].errors).toMatchObject({ circuitOpen: 17722, timeout: 1529 });
  });
});

describe('validation of a breaker scope', () => {
  it('names the allowed scopes, at the field, when given another', () => {
    const doc = deadDependency('shared');
    const result = validateTopology({
      format: 'archsim.topology',
      version: 1,
      ...doc,
      edges: [
        doc.edges?.[0],
        { ...doc.edges?.[1], params: { circuitBreaker: { errorRatio: 0.5, scope: 'perReplica' } } },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toMatchObject([
      {
        code: 'value.oneOf',
        path: 'edges[1].params.circuitBreaker.scope',
        params: { options: ['shared', 'perInstance'], got: '"perReplica"' },
      },
    ]);
  });
});
