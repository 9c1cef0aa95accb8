import { afterAll, describe, expect, it } from 'vitest';
import type { AppliedEvent, WindowStats } from '../results/types.ts';
import { LinearTrend } from '../stats/LinearTrend.ts';
import { constant, type Doc, edge, nodeRow, run, windowsIn } from '../test/simHarness.ts';

/*
 * The predictive autoscaler against the arithmetic of a linear ramp λ(t) = a + b·t.
 *
 * A reactive decision at t sizes the service for the rate of the interval just ended, λ(t − Δ/2), and
 * the replicas it orders serve from t + h (h = provisionSec + startupSec): the capacity lags the load
 * by b·(Δ/2 + h). A least-squares line through the intervals' rates, each at its midpoint, is λ itself
 * once its history lies inside the ramp, so its value at t + h has no lag; what is left is the Poisson
 * noise of the rates, σ² = λ/Δ for one interval, which the line's prediction variance
 * σ²·(1/n + (t + h − x̄)²/Sxx) carries to the forecast. Tolerances are Z = 5 of those standard errors,
 * as in theory.test.ts; the seeds are fixed, and `ARCHSIM_SEED_OFFSET=n` tries others.
 * `THEORY_TABLE=1 npx vitest run sim-core/engine/predictive.test.ts` prints the table of checks.
 */
const Z = 5;

const table: { check: string; simulated: number; theory: number; tolerance: number }[] = [];
afterAll(() => {
  if (process.env.THEORY_TABLE) console.table(table);
});

function expectWithin(check: string, simulated: number, theory: number, tolerance: number): void {
  table.push({ check, simulated, theory, tolerance });
  expect(
    Math.abs(simulated - theory),
    `${check}: simulated ${simulated}, theory ${theory}, tolerance ${tolerance}`,
  ).toBeLessThanOrEqual(tolerance);
}

describe('the least-squares line on a noiseless ramp', () => {
  const a = 200;
  const b = 40;
  const lambda = (t: number) => a + b * t;
  const dt = 0.2;
  const h = 10;

  it('forecasts λ(t + h) exactly once its history lies in the ramp, where the last interval lags by b·(Δ/2 + h)', () => {
    const trend = new LinearTrend(50);
    for (let k = 1; k <= 200; k++) {
      const t = k * dt;
      // The mean rate over [t − Δ, t] of a linear λ is λ at the midpoint.
      const intervalRate = lambda(t - dt / 2);
      trend.add(t - dt / 2, intervalRate);
      if (k < 2) continue;
      expect(trend.at(t + h)).toBeCloseTo(lambda(t + h), 9);
      expect(lambda(t + h) - intervalRate).toBeCloseTo(b * (dt / 2 + h), 9);
    }
  });

  it('forgets an earlier slope after exactly its capacity of points', () => {
    const trend = new LinearTrend(10);
    for (let k = 0; k < 10; k++) trend.add(k, 100);
    for (let k = 10; k < 20; k++) trend.add(k, 100 + 30 * (k - 9));
    expect(trend.at(25)).toBeCloseTo(100 + 30 * 16, 9);
    expect(trend.size).toBe(10);
  });

  it('is flat with one point and NaN with none, and full at its capacity', () => {
    const trend = new LinearTrend(2);
    expect(trend.at(0)).toBeNaN();
    expect(trend.mean()).toBeNaN();
    trend.add(3, 7);
    expect(trend.at(100)).toBe(7);
    expect(trend.full).toBe(false);
    trend.add(4, 9);
    expect(trend.full).toBe(true);
    expect(trend.mean()).toBe(8);
    expect(trend.at(5)).toBeCloseTo(11, 12);
  });
});

// The engine: Poisson arrivals at 500 rps until 20 s, then +100 rps every second until 140 s. A 10 ms
// request on one worker at a 50% target: one replica per 50 rps. Evaluated every second; a replica
// takes 5 s to start. The forecast looks h = 5 s ahead over the last 20 s.
const A_RPS = 500;
const B_RPS = 100;
const RAMP_FROM = 20;
const RAMP_TO = 140;
const EVERY = 1;
const STARTUP = 5;
const HISTORY = 20;
const SERVICE_MS = 10;
const TARGET = 0.5;
const PER_REPLICA_RPS = (1000 / SERVICE_MS) * TARGET;

const rate = (t: number) => A_RPS + B_RPS * Math.min(RAMP_TO - RAMP_FROM, Math.max(0, t - RAMP_FROM));
const formula = (rps: number) => Math.ceil(rps / PER_REPLICA_RPS - 1e-9);

function ramp(policy: 'reactive' | 'predictive'): Doc {
  const autoscale = {
    min: 1,
    max: 400,
    targetUtilization: TARGET,
    evaluateEverySec: EVERY,
    provisionSec: 0,
    policy,
    ...(policy === 'predictive' ? { historySec: HISTORY } : {}),
  };
  return {
    nodes: [
      {
        id: 'users',
        kind: 'client',
        params: {
          profile: [
            { atSec: RAMP_FROM, rps: rate(RAMP_FROM) },
            { atSec: RAMP_TO, rps: rate(RAMP_TO) },
          ],
        },
      },
      {
        id: 'api',
        kind: 'service',
        params: {
          replicas: formula(A_RPS),
          serviceTimeMs: constant(SERVICE_MS),
          startupSec: STARTUP,
          autoscale,
        },
      },
    ],
    edges: [edge('users', 'api')],
    scenario: { durationSec: RAMP_TO + 10, warmupSec: 5, seed: 12, windowSec: 1 },
  };
}

const params = (e: AppliedEvent) => e.detail.params as Record<string, number>;
const decisions = (events: AppliedEvent[]) =>
  events.filter((e) => e.type === 'autoscale' && e.target === 'api');
const live = (w: WindowStats) => nodeRow(w, 'api').instancesLive ?? Number.NaN;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('a predictive autoscaler on a Poisson ramp', () => {
  const predictive = run(ramp('predictive'));
  const reactive = run(ramp('reactive'));
  const n = HISTORY / EVERY;
  // Decisions whose whole history and horizon lie in the ramp.
  const inRamp = (t: number) => t >= RAMP_FROM + HISTORY + 1e-9 && t + STARTUP <= RAMP_TO + 1e-9;

  /** The standard error of a forecast at t: the line's prediction variance with σ² = λ/Δ. */
  function forecastSE(t: number): number {
    const sxx = (n * (n * n - 1) * EVERY * EVERY) / 12;
    const distance = STARTUP + (n * EVERY) / 2;
    return Math.sqrt((rate(t) / EVERY) * (1 / n + (distance * distance) / sxx));
  }

  it("forecasts λ(t + h) within its standard error, where the last interval's rate lags by b·(Δ/2 + h)", () => {
    const made = decisions(predictive.summary.eventsApplied).filter((e) => inRamp(e.atSec));
    expect(made.length).toBeGreaterThan(50);
    const errors: number[] = [];
    const variances: number[] = [];
    for (const e of made) {
      expect(e.detail.code).toBe('event.autoscaleForecast');
      const p = params(e);
      expect(p.horizonSec).toBe(STARTUP);
      const truth = rate(e.atSec + STARTUP);
      // + 0.5: the logged forecast is rounded to a whole rps.
      expectWithin(`forecast at ${e.atSec} s`, p.forecastRps, truth, Z * forecastSE(e.atSec) + 0.5);
      errors.push(p.forecastRps - truth);
      variances.push(forecastSE(e.atSec) ** 2);
    }
    // Consecutive forecasts share all but one of their n points: about made/n independent ones.
    const meanSE = Math.sqrt(mean(variances) / (made.length / n));
    expectWithin('mean forecast error (rps)', mean(errors), 0, Z * meanSE + 0.5);

    // What a reactive policy reads: the arrival rate of the interval just ended (a window is one
    // interval here), against the rate when the replicas it orders would serve.
    const windows = predictive.windows.filter((w) => inRamp(w.endSec));
    const lagging = windows.map((w) => nodeRow(w, 'api').arrivals / EVERY - rate(w.endSec + STARTUP));
    const lagSE = Math.sqrt(mean(windows.map((w) => rate(w.endSec) / EVERY)) / windows.length);
    const lag = B_RPS * (EVERY / 2 + STARTUP);
    expectWithin('last interval − λ(t + h) (rps)', mean(lagging), -lag, Z * lagSE);
    expect(Z * meanSE + 0.5, 'the forecast error bound is well inside the lag').toBeLessThan(lag / 2);
  });

  it('keeps the replicas the formula gives for λ(t); the reactive policy trails it', () => {
    // Live replicas in the window [k, k + 1) were ordered at k − h for λ(k). Windows from the first
    // whose ordering decision had a full history in the ramp.
    const from = RAMP_FROM + HISTORY + STARTUP;
    const gap = (windows: WindowStats[]) =>
      windowsIn(windows, from, RAMP_TO).map((w) => live(w) - formula(rate(w.startSec)));
    const predicted = gap(predictive.windows);
    const reacted = gap(reactive.windows);
    // The forecast's SE in replicas, correlated over n windows.
    const replicaSE = Math.sqrt(mean(predicted.map((_, i) => forecastSE(from + i) ** 2))) / PER_REPLICA_RPS;
    expectWithin(
      'predictive replicas − formula(λ(t))',
      mean(predicted),
      0,
      (Z * replicaSE) / Math.sqrt(predicted.length / n) + 0.5,
    );
    // The reactive count is ceil(live × utilization ÷ target) with the count at the end of the interval
    // and the utilization over it: on a growing fleet that count is above the interval's mean, which
    // wins back part of the lag in rate, b·(Δ/2 + h) = 11 replicas here. It still trails.
    const lagReplicas = (B_RPS * (EVERY / 2 + STARTUP)) / PER_REPLICA_RPS;
    table.push({
      check: 'reactive replicas − formula(λ(t))',
      simulated: mean(reacted),
      theory: -lagReplicas,
      tolerance: lagReplicas,
    });
    expect(mean(reacted)).toBeLessThan(mean(predicted) - 2);
    expect(mean(reacted)).toBeGreaterThan(-lagReplicas - 1);
  });

  it('runs the ramp at its target utilization', () => {
    const ramped = windowsIn(predictive.windows, RAMP_FROM + HISTORY + STARTUP, RAMP_TO);
    expectWithin(
      'predictive utilization',
      mean(ramped.map((w) => nodeRow(w, 'api').utilization ?? 0)),
      TARGET,
      0.02,
    );
  });
});
