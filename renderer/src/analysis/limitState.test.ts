import { describe, expect, it } from 'vitest';
import type { CapacityResult, CapacityRun } from '../../../sim-core/analysis/capacity.ts';
import type { RunMetrics } from '../../../sim-core/analysis/runPoint.ts';
import { emptyDoc } from '../model/document.ts';
import {
  answerOf,
  checkForm,
  DEFAULT_FORM,
  IDLE,
  kneeSoFar,
  type LimitAction,
  limitReducer,
  plusMinus,
  searchDots,
} from './limitState.ts';

const metrics = (p99: number, errorRatio = 0, utilization = 0.5): RunMetrics => ({
  seed: 1,
  arrivals: 100,
  completions: 100,
  errors: 0,
  errorRatio,
  throughputRps: 10,
  latencyMeanMs: p99 / 3,
  latencyP50Ms: p99 / 4,
  latencyP90Ms: p99 / 2,
  latencyP99Ms: p99,
  latencyP999Ms: p99 * 2,
  utilization: { db: utilization, api: utilization / 2 },
  queueFull: {},
  wallMs: 1,
});

const run = (
  phase: CapacityRun['phase'],
  factor: number,
  seedIndex: number,
  p99: number,
  u = 0.5,
): LimitAction => ({
  type: 'run',
  run: { phase, factor, seedIndex, metrics: metrics(p99, 0, u) },
});

const apply = (...actions: LimitAction[]) => actions.reduce(limitReducer, IDLE);
const start: LimitAction = {
  type: 'start',
  slos: ['p99<200ms', 'errors<1%'],
  baseRps: 100,
  doc: emptyDoc(),
};

describe('the Find the limit form', () => {
  it('builds the SLOs archsim capacity takes, and leaves out an empty one', () => {
    expect(checkForm(DEFAULT_FORM)).toEqual({
      ok: true,
      slos: ['p99<200ms', 'errors<1%'],
      seeds: 5,
      maxSeeds: 20,
      durationSec: undefined,
    });
    const check = checkForm({ ...DEFAULT_FORM, metric: 'p90', errorsPercent: ' ', durationSec: '30' });
    expect(check.ok && [check.slos, check.durationSec]).toEqual([['p90<200ms'], 30]);
  });

  it('names the field that is wrong', () => {
    expect(checkForm({ ...DEFAULT_FORM, latencyMs: '-3' })).toEqual({ ok: false, field: 'latencyMs' });
    expect(checkForm({ ...DEFAULT_FORM, errorsPercent: '100' })).toEqual({
      ok: false,
      field: 'errorsPercent',
    });
    expect(checkForm({ ...DEFAULT_FORM, latencyMs: '', errorsPercent: '' })).toEqual({
      ok: false,
      field: 'latencyMs',
    });
    expect(checkForm({ ...DEFAULT_FORM, seeds: '2.5' })).toEqual({ ok: false, field: 'seeds' });
    expect(checkForm({ ...DEFAULT_FORM, seeds: '6', maxSeeds: '5' })).toEqual({
      ok: false,
      field: 'maxSeeds',
    });
    expect(checkForm({ ...DEFAULT_FORM, durationSec: '0' })).toEqual({ ok: false, field: 'durationSec' });
  });
});

describe('the search state', () => {
  it('collects runs while running and drops what a cancelled search still sends', () => {
    const running = apply(start, run('search', 1, 0, 50), run('search', 2, 0, 300));
    expect(searchDots(running)).toEqual([
      { factor: 1, seedIndex: 0, latencyMs: 50, holds: true },
      { factor: 2, seedIndex: 0, latencyMs: 300, holds: false },
    ]);
    const cancelled = limitReducer(running, {
      type: 'failed',
      problem: { code: 'worker.cancelled', params: {} },
    });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.problem).toBeNull();
    expect(limitReducer(cancelled, run('search', 1.5, 0, 90))).toBe(cancelled);
    const failed = limitReducer(running, { type: 'failed', problem: { code: 'worker.crashed', params: {} } });
    expect([failed.status, failed.problem?.code]).toEqual(['failed', 'worker.crashed']);
  });

  it('draws the knee load by load before the answer, the bottleneck from the runs at the capacity', () => {
    // Knee factors are the capacity (2) × 0.25, 0.5, … : the runs at ×1 name the busiest node.
    const s = apply(
      start,
      run('knee', 0.5, 0, 20, 0.1),
      run('knee', 0.5, 1, 30, 0.2),
      run('knee', 1, 0, 90, 0.6),
    );
    const { points, bottleneck } = kneeSoFar(s);
    expect(bottleneck).toBe('db');
    expect(points.map((p) => [p.factor, p.latencyMs.mean, p.latencyMs.n])).toEqual([
      [0.5, 25, 2],
      [1, 90, 1],
    ]);
    expect(points[0].utilization?.mean).toBeCloseTo(0.15, 12);
  });
});

describe('the answer', () => {
  const result = (over: Partial<CapacityResult>): CapacityResult =>
    ({
      factor: { mean: 1.7, low: 1.64, high: 1.76, n: 3 },
      offeredRps: { mean: 3450.4, low: 3370.1, high: 3530.7, n: 3 },
      unbounded: false,
      ...over,
    }) as CapacityResult;

  it('gives the capacity in rps with its half-width, rounded alike', () => {
    const answer = answerOf(result({}));
    expect(answer).toMatchObject({ kind: 'holds', rps: 3450.4, factor: 1.7 });
    if (answer.kind !== 'holds' || answer.rps === null) throw new Error('no rps');
    expect(plusMinus(answer.rps, answer.halfRps, 'en')).toEqual(['3,450', '80']);
    expect(plusMinus(678.7, 23.1, 'en')).toEqual(['679', '23']);
    expect(plusMinus(1.697, 0.058, 'en')).toEqual(['1.697', '0.058']);
  });

  it('says when the SLOs never broke, or never held', () => {
    expect(
      answerOf(result({ unbounded: true, factor: { mean: 1024, low: null, high: null, n: 3 } })),
    ).toEqual({
      kind: 'unbounded',
      factor: 1024,
    });
    expect(answerOf(result({ factor: { mean: 0, low: 0, high: 0, n: 3 } }))).toEqual({ kind: 'never' });
  });
});
