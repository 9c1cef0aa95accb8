import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../api.ts';
import type { Topology } from '../format/schema.ts';
import { validateTopology } from '../format/validate.ts';
import { SimulationError } from '../messages/Message.ts';
import type { MetricRow, Summary, WindowStats } from '../results/types.ts';
import { hostileDocuments, topologyDocuments, withUnrelatedPart } from '../test/arbitraryTopology.ts';
import { createSimulation } from './createSimulation.ts';

/*
 * Properties of the engine on random valid topologies (every node kind, edge option and scenario event
 * type; see arbitraryTopology.ts). Runs are short and small, so each property tries a few dozen.
 */
const RUNS = 40;
/** Far above what a 10 s run at ≤ 2000 rps per client needs: more means the clock stopped moving. */
const EVENT_BUDGET = 3_000_000;

function validated(doc: unknown): Topology {
  const result = validateTopology(doc);
  if (!result.ok)
    throw new Error(`generated an invalid topology: ${JSON.stringify(result.issues.slice(0, 5))}`);
  return result.topology;
}

/** Runs to the end in bounded steps, so that a run whose clock stops moving fails instead of hanging. */
function runToEnd(topology: Topology): Simulation {
  const sim = createSimulation(topology);
  let events = 0;
  while (!sim.done) {
    const before = sim.nowSec;
    const n = sim.step(10_000);
    events += n;
    expect(sim.nowSec, 'the clock never goes back').toBeGreaterThanOrEqual(before);
    if (n === 0 || events > EVENT_BUDGET) {
      throw new Error(`no end in sight: ${events} events, the clock at ${sim.nowSec} s of ${sim.endSec} s`);
    }
  }
  return sim;
}

/** Every scope of a window, keyed by `kind:id`. */
function scopesOf(w: WindowStats): [string, MetricRow][] {
  const rows: [string, MetricRow][] = [['endToEnd', w.endToEnd]];
  for (const [kind, scopes] of [
    ['client', w.clients],
    ['class', w.classes],
    ['node', w.nodes],
    ['edge', w.edges],
  ] as const) {
    for (const [id, row] of Object.entries(scopes)) rows.push([`${kind}:${id}`, row]);
  }
  return rows;
}

/** Over all windows, warm-up included: arrivals = completions + errors + what is still in flight. */
function expectConserved(windows: WindowStats[]): void {
  const totals = new Map<string, { arrivals: number; finished: number }>();
  for (const w of windows) {
    for (const [key, row] of scopesOf(w)) {
      const t = totals.get(key) ?? { arrivals: 0, finished: 0 };
      t.arrivals += row.arrivals;
      t.finished += row.completions + row.errors.total;
      totals.set(key, t);
      expect(row.inFlight, `${key} in flight in window ${w.index}`).toBeGreaterThanOrEqual(0);
    }
  }
  const last = new Map(scopesOf(windows[windows.length - 1]));
  for (const [key, t] of totals) {
    const inFlight = last.get(key)?.inFlight ?? Number.NaN;
    expect(
      t.arrivals,
      `${key}: arrivals = completions + errors + in flight (${t.finished} + ${inFlight})`,
    ).toBe(t.finished + inFlight);
  }
}

const withoutWallClock = (summary: Summary) => ({ ...summary, wallMs: 0 });

describe('the engine on random valid topologies', () => {
  it('accepts every generated topology (validateTopology)', () => {
    fc.assert(
      fc.property(topologyDocuments(), (doc) => {
        const result = validateTopology(doc);
        expect(result.ok ? [] : result.issues).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('runs to the end without throwing, and conserves requests in every scope', () => {
    fc.assert(
      fc.property(topologyDocuments(), (doc) => {
        const sim = runToEnd(validated(doc));
        expect(sim.nowSec).toBe(sim.endSec);
        const { windows } = sim.snapshot();
        expect(windows.length).toBeGreaterThan(0);
        expect(windows[windows.length - 1].endSec).toBe(sim.endSec);
        expectConserved(windows);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives identical results for the same topology and seed', () => {
    fc.assert(
      fc.property(topologyDocuments(), (doc) => {
        const topology = validated(doc);
        const a = runToEnd(topology).snapshot();
        const b = runToEnd(topology).snapshot();
        expect(JSON.stringify(withoutWallClock(b.summary))).toBe(JSON.stringify(withoutWallClock(a.summary)));
        expect(JSON.stringify(b.windows)).toBe(JSON.stringify(a.windows));
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it('leaves every node and edge unchanged when an unrelated client and service are added', () => {
    // Each node draws from its own stream (seeded by its id), so a part that shares no node, edge,
    // region or chaos target with the rest cannot change what happens there.
    fc.assert(
      fc.property(topologyDocuments(), (doc) => {
        const alone = runToEnd(validated(doc)).summary();
        const beside = runToEnd(validated(withUnrelatedPart(doc))).summary();
        for (const id of Object.keys(alone.nodes))
          expect(beside.nodes[id], `node ${id}`).toEqual(alone.nodes[id]);
        for (const id of Object.keys(alone.edges))
          expect(beside.edges[id], `edge ${id}`).toEqual(alone.edges[id]);
      }),
      { numRuns: RUNS / 2 },
    );
  });
});

/** How a run of a hostile document may end instead of running to its end: refused or stopped, naming why. */
const CLEAN_REFUSALS = [
  'budget.memory',
  'budget.events',
  'budget.zeroTimeLoop',
  'budget.unboundedLoop',
  'budget.eventsExceeded',
  'watchdog.zeroTimeLoop',
  'watchdog.unboundedWork',
  'engine.callDepth',
];
const SMALL_BUDGETS = { maxEvents: 500_000, maxMemoryBytes: 256 * 2 ** 20 };

/** Every number in `value`, with where it is. */
function* numbersIn(value: unknown, path: string): Generator<[string, number]> {
  if (typeof value === 'number') yield [path, value];
  else if (Array.isArray(value))
    for (let i = 0; i < value.length; i++) yield* numbersIn(value[i], `${path}[${i}]`);
  else if (value !== null && typeof value === 'object')
    for (const key of Object.keys(value))
      yield* numbersIn((value as Record<string, unknown>)[key], `${path}.${key}`);
}

/** Runs a hostile document: its summary and windows, or the clean refusal it ended with. */
function hostileRun(
  topology: Topology,
): { refusal: SimulationError } | { windows: WindowStats[]; summary: Summary } {
  try {
    const sim = createSimulation(topology, { budgets: SMALL_BUDGETS });
    sim.runUntil(sim.endSec);
    const { windows, summary } = sim.snapshot();
    return { windows, summary };
  } catch (error) {
    if (!(error instanceof SimulationError)) throw error;
    return { refusal: error };
  }
}

describe('the engine on hostile valid topologies (zero-time paths, huge values, scale-in)', () => {
  it('keeps every invariant (conservation, finite numbers, utilization ≤ 1), or refuses cleanly', () => {
    fc.assert(
      fc.property(hostileDocuments(), (doc) => {
        const result = hostileRun(validated(doc));
        if ('refusal' in result) {
          const { code, path, nodes } = result.refusal.detail;
          expect(CLEAN_REFUSALS, code).toContain(code);
          expect(Boolean(path) || (nodes?.length ?? 0) > 0, `${code} names the field or the nodes`).toBe(
            true,
          );
          return;
        }
        expectConserved(result.windows);
        for (const [where, x] of numbersIn(result.summary, 'summary'))
          expect(Number.isFinite(x), `${where} = ${x}`).toBe(true);
        for (const w of result.windows)
          for (const [id, row] of Object.entries(w.nodes))
            if (row.utilization !== null)
              expect(row.utilization, `${id} in window ${w.index}`).toBeLessThanOrEqual(1 + 1e-9);
        expect(result.summary.events).toBeLessThanOrEqual(SMALL_BUDGETS.maxEvents);
      }),
      { numRuns: RUNS },
    );
  });

  it('ends the same way twice: the same numbers, or the same refusal', () => {
    fc.assert(
      fc.property(hostileDocuments(), (doc) => {
        const topology = validated(doc);
        const [a, b] = [hostileRun(topology), hostileRun(topology)];
        const text = (r: typeof a) =>
          'refusal' in r ? JSON.stringify(r.refusal.detail) : JSON.stringify(withoutWallClock(r.summary));
        expect(text(b)).toBe(text(a));
      }),
      { numRuns: RUNS / 2 },
    );
  });
});
