import { describe, expect, it } from 'vitest';
import type { Expectation } from '../format/preset.ts';
import type { MetricRow, Summary, WindowStats } from '../results/types.ts';
import { topology } from '../test/simHarness.ts';
import { emptyErrors, emptyRow, sampleSummary } from '../test/summaryFixture.ts';
import { checkExpectations } from './expectations.ts';

/** A row with a p99, completions and timeouts. */
function row(p99: number, completions = 100, timeouts = 0): MetricRow {
  return emptyRow({
    completions,
    errors: { ...emptyErrors(), total: timeouts, timeout: timeouts },
    latencyMs: { mean: p99 / 2, p50: p99 / 2, p90: p99, p99, p999: p99, max: p99 },
  });
}

/** Windows of 1 s whose api node and end-to-end rows have the given p99s. */
function windows(p99s: number[]): WindowStats[] {
  return p99s.map((p99, index) => ({
    index,
    startSec: index,
    endSec: index + 1,
    endToEnd: row(p99),
    clients: {},
    classes: {},
    nodes: { api: row(p99, 90, 10) },
    edges: {},
  }));
}

function summaryWith(nodes: Record<string, MetricRow>): Summary {
  const s = sampleSummary();
  return {
    ...s,
    nodes: Object.fromEntries(Object.entries(nodes).map(([k, v]) => [k, { ...v, kind: 'service' as const }])),
  };
}

function check(
  list: Partial<Expectation>[],
  ws: WindowStats[],
  summary = summaryWith({ api: row(50, 90, 10) }),
) {
  const t = topology({
    nodes: [{ id: 'api', kind: 'service', params: { serviceTimeMs: { dist: 'constant', value: 1 } } }],
    scenario: { durationSec: 10 },
    expectations: list.map((x, i) => ({
      id: `x${i}`,
      description: 'd',
      scope: 'endToEnd',
      metric: 'latencyMs.p99',
      op: 'lt',
      value: 0,
      ...x,
    })) as Expectation[],
  });
  return checkExpectations(t, summary, ws);
}

describe('checkExpectations', () => {
  it('reads nested metrics off the summary when no span is given', () => {
    const [r] = check(
      [{ scope: 'node:api', metric: 'latencyMs.p99', op: 'approx', value: 52, tolerance: 0.05 }],
      [],
    );
    expect(r).toMatchObject({ id: 'x0', ok: true, actual: 50 });
    const [t] = check(
      [{ scope: 'node:api', metric: 'errors.timeout', op: 'between', value: 10, max: 10 }],
      [],
    );
    expect(t.ok).toBe(true);
  });

  it('computes errorRatio and successRatio from completions and errors', () => {
    const [e, s] = check(
      [
        { scope: 'node:api', metric: 'errorRatio', op: 'approx', value: 0.1, tolerance: 1e-9 },
        { scope: 'node:api', metric: 'successRatio', op: 'approx', value: 0.9, tolerance: 1e-9 },
      ],
      [],
    );
    expect(e.actual).toBeCloseTo(0.1);
    expect(s.actual).toBeCloseTo(0.9);
    expect(e.ok && s.ok).toBe(true);
  });

  it('aggregates the windows whose start is in [fromSec, toSec)', () => {
    const ws = windows([10, 20, 30, 40, 50]);
    const over = (aggregate: 'mean' | 'max' | 'min' | 'last') => ({ fromSec: 1, toSec: 4, aggregate });
    const results = check(
      [
        { over: over('mean'), op: 'approx', value: 30, tolerance: 0 },
        { over: over('max'), op: 'approx', value: 40, tolerance: 0 },
        { over: over('min'), op: 'approx', value: 20, tolerance: 0 },
        { over: over('last'), op: 'approx', value: 40, tolerance: 0 },
      ],
      ws,
    );
    expect(results.map((r) => r.actual)).toEqual([30, 40, 20, 40]);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('divides by the same metric over ratioTo', () => {
    const ws = windows([10, 10, 80, 10, 10]);
    const [r] = check(
      [
        {
          over: { fromSec: 2, toSec: 3, aggregate: 'max' },
          ratioTo: { fromSec: 0, toSec: 2, aggregate: 'mean' },
          op: 'gt',
          value: 5,
        },
      ],
      ws,
    );
    expect(r).toMatchObject({ ok: true, actual: 8 });
  });

  it('applies lt, gt, approx and between', () => {
    const results = check(
      [
        { op: 'lt', value: 50 },
        { op: 'gt', value: 50 },
        { op: 'approx', value: 100, tolerance: 0.1 },
        { op: 'between', value: 20, max: 40 },
      ],
      windows([10, 20, 30]).map((w) => w),
      summaryWith({}),
    );
    // sampleSummary's end-to-end p99 decides; compare with it.
    const p99 = sampleSummary().endToEnd.latencyMs.p99 as number;
    expect(results.map((r) => r.ok)).toEqual([
      p99 < 50,
      p99 > 50,
      Math.abs(p99 - 100) <= 10,
      p99 >= 20 && p99 <= 40,
    ]);
  });

  it('fails with a message naming what, expected and actual', () => {
    const [r] = check([{ scope: 'node:api', metric: 'latencyMs.p99', op: 'lt', value: 10 }], []);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('node:api latencyMs.p99');
    expect(r.message).toContain('= 50');
    expect(r.message).toContain('expected < 10');
  });

  it('fails clearly on an unknown scope, node, metric or an empty span', () => {
    const results = check(
      [
        { scope: 'pod:api' },
        { scope: 'node:nope' },
        { scope: 'node:api', metric: 'latencyMs.p42' },
        { over: { fromSec: 100, toSec: 200, aggregate: 'mean' } },
        {
          ratioTo: { fromSec: 0, toSec: 1, aggregate: 'mean' },
          scope: 'node:api',
          metric: 'errors.queueFull',
        },
      ],
      windows([10]).map((w) => ({ ...w, nodes: { api: emptyRow() } })),
    );
    expect(results.every((r) => !r.ok && r.actual === null)).toBe(true);
    expect(results[0].message).toContain('unknown scope "pod:api"');
    expect(results[1].message).toContain('no node "nope"');
    expect(results[2].message).toContain('unknown metric "latencyMs.p42"');
    expect(results[3].message).toContain('no window with a value');
    expect(results[4].message).toContain('divisor is 0');
  });
});
