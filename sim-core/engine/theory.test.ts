import { afterAll, describe, expect, it } from 'vitest';
import type { ConfidenceInterval, MetricRow, WindowStats } from '../results/types.ts';
import { studentT975 } from '../stats/studentT.ts';
import {
  erlangC,
  hypoexponentialQuantile,
  mm1k,
  mm1MeanSE,
  mm1QuantileSE,
  utilizationSE,
} from '../test/queueingTheory.ts';
import { type FixtureRun, runTopologyFile } from '../test/runTopologyFile.ts';

/*
 * The engine against queueing theory, on fixture files run the way a user's file is run.
 *
 * Tolerances. Every check asserts |simulated − theory| ≤ Z·SE (+ the histogram's resolution for
 * quantiles), with SE the standard error of the estimator over the fixture's run. SE comes from:
 *  - theory and the run length where there is one (queueingTheory.ts): the M/M/1 mean sojourn (exact
 *    asymptotic variance), M/M/1 quantiles (spread calibrated on an independent Lindley model), any
 *    utilization (compound-Poisson busy time);
 *  - otherwise batch means over the run's own windows after warm-up (20 batches of consecutive
 *    windows, ≥ 14 s each), or the engine's own 95% batch-means CI (4 batches, skewness-adjusted: see
 *    batchMeans.ts) read back as SE ≈ half-width / t₀.₉₇₅(batches − 1). A batch is ≥ 30 relaxation
 *    times 1/(μ(1−√ρ)²) (0.38 s for M/M/1 at ρ = 0.9, less elsewhere), so batch statistics are close
 *    to independent and the ratio is about t with 19 degrees of freedom (3 for the engine's CI).
 * Z = 5: P(|N| > 5) ≈ 6·10⁻⁷, P(|t₁₉| > 5) ≈ 8·10⁻⁵ and P(|t₃| > 5) ≈ 0.015. Not 4, because the tails are heavier than
 * normal: over 600 seeds of mm1-rho05, (mean − 2 ms)/SE had SD 1.04 but reached 4.97 once.
 * Warm-up (10–20 s) is ≥ 25 relaxation times: the empty start's bias is negligible against SE.
 * The seeds are fixed, so the test is deterministic; any other seed passes the other checks with
 * probability ≈ 0.999 and the one engine-CI check (the tandem p99) with ≈ 0.985 (3 degrees of freedom
 * make heavy tails; a Z to match the others' 10⁻³ would be 12.9, too loose to catch anything)
 * (`ARCHSIM_SEED_OFFSET=n` shifts every fixture's seed to try it), so the seeds need no
 * cherry-picking, and a systematic error of a few SE (0.3–5% here, 10% for the noisy ρ = 0.9) fails.
 * The one exception is the check of the engine's CI itself, below.
 * `THEORY_TABLE=1 npx vitest run sim-core/engine/theory.test.ts` prints the table of checks.
 */
const Z = 5;
const BATCHES = 20;
/** A LogHistogram quantile is a bucket midpoint: within 1/256 of the exact sample quantile. */
const QUANTILE_RESOLUTION = 1 / 256;

const table: { check: string; simulated: number; theory: number; tolerance: number }[] = [];
afterAll(() => {
  if (process.env.THEORY_TABLE) console.table(table);
});

function expectWithin(check: string, simulated: number | null, theory: number, tolerance: number): void {
  expect(simulated, check).not.toBeNull();
  const value = simulated ?? Number.NaN;
  table.push({ check, simulated: value, theory, tolerance });
  expect(
    Math.abs(value - theory),
    `${check}: simulated ${value}, theory ${theory}, tolerance ${tolerance}`,
  ).toBeLessThanOrEqual(tolerance);
}

/** The standard error a reported 95% CI stands for. */
const ciSE = (ci: ConfidenceInterval, batches: number) =>
  ((ci.high ?? Number.NaN) - (ci.low ?? Number.NaN)) / 2 / studentT975(batches - 1);

/**
 * The run's end-to-end mean sojourn against theory, with this test's own 20-batch SE: the engine's
 * interval has 3 degrees of freedom, too few for a sharp check (its coverage is tested in
 * batchMeans.test.ts).
 */
function expectMeanSojourn(check: string, run: FixtureRun, theory: number): void {
  const mean = run.summary.endToEnd.latencyMs.mean;
  expectWithin(
    check,
    mean,
    theory,
    Z *
      batchSE(
        run,
        latencyMean((w) => w.endToEnd),
      ),
  );
}

/** Theory within the engine's end-to-end CI read as estimate ± Z standard errors. */
function expectWithinCI(check: string, ci: ConfidenceInterval, batches: number, theory: number): void {
  expect(ci.low, `${check}: the CI has bounds`).not.toBeNull();
  const resolution = check.includes('p99') ? QUANTILE_RESOLUTION * theory : 0;
  expectWithin(check, ci.estimate, theory, Z * ciSE(ci, batches) + resolution);
}

/**
 * Standard error of a ratio statistic Σnum/Σden, by batch means over the windows after warm-up.
 * `part` gives a window's numerator and denominator (a mean × its count, and the count).
 */
function batchSE(run: FixtureRun, part: (w: WindowStats) => [number, number]): number {
  const after = run.windows.filter((w) => w.startSec >= run.summary.warmupSec - 1e-9);
  const values: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    let num = 0;
    let den = 0;
    const from = Math.floor((b * after.length) / BATCHES);
    const to = Math.floor(((b + 1) * after.length) / BATCHES);
    for (const w of after.slice(from, to)) {
      const [n, d] = part(w);
      num += n;
      den += d;
    }
    values.push(num / den);
  }
  const mean = values.reduce((a, b) => a + b, 0) / BATCHES;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (BATCHES - 1);
  return Math.sqrt(variance / BATCHES);
}

const latencyMean =
  (row: (w: WindowStats) => MetricRow) =>
  (w: WindowStats): [number, number] => {
    const r = row(w);
    return [(r.latencyMs.mean ?? 0) * r.completions, r.completions];
  };
// Waits are recorded when work starts, completions when it ends: per window the counts differ by the
// few requests in service at its edges, so completions weigh the window's mean wait well enough.
const waitMean =
  (row: (w: WindowStats) => MetricRow) =>
  (w: WindowStats): [number, number] => {
    const r = row(w);
    return [(r.waitMs.mean ?? 0) * r.completions, r.completions];
  };
/** A per-window value averaged over equal-length windows (utilization, time-averaged lengths). */
const perWindow =
  (value: (w: WindowStats) => number | null) =>
  (w: WindowStats): [number, number] => [value(w) ?? 0, 1];
const node = (id: string) => (w: WindowStats) => w.nodes[id];

/** The fixture's Poisson rate and a service's parameters, read from the topology (ms, per ms). */
function queueOf(run: FixtureRun, serviceId: string) {
  const client = run.topology.nodes.find((n) => n.kind === 'client');
  const server = run.topology.nodes.find((n) => n.id === serviceId);
  if (client?.kind !== 'client' || server?.kind !== 'service')
    throw new Error('not a client → service fixture');
  const d = server.params.serviceTimeMs;
  if (d.dist !== 'exponential' && d.dist !== 'constant') throw new Error(`no theory here for ${d.dist}`);
  const meanMs = d.dist === 'exponential' ? d.mean : d.value;
  const lambda = (client.params.rateRps ?? 0) / 1000;
  const c = server.params.concurrency;
  const secondMoment = d.dist === 'exponential' ? 2 * meanMs ** 2 : meanMs ** 2;
  const spanMs = (run.summary.simulatedSec - run.summary.warmupSec) * 1000;
  return {
    lambda,
    mu: 1 / meanMs,
    c,
    capacity: server.params.queueCapacity,
    utilizationSE: utilizationSE(lambda, secondMoment, c, spanMs),
  };
}

const runs = new Map<string, FixtureRun>();
/** Each fixture runs once, on first use. */
function run(name: string): FixtureRun {
  let r = runs.get(name);
  if (!r) {
    r = runTopologyFile(name);
    runs.set(name, r);
  }
  return r;
}

describe.each(['mm1.archsim.json', 'mm1-rho05.archsim.json'])('M/M/1: %s', (file) => {
  const theory = () => {
    const r = run(file);
    const { lambda, mu, utilizationSE } = queueOf(r, 'server');
    const n = r.summary.endToEnd.completions;
    return {
      r,
      rho: lambda / mu,
      sojournMs: 1 / (mu - lambda),
      meanSE: mm1MeanSE(lambda, mu, n),
      p50SE: mm1QuantileSE(lambda, mu, n, 'p50'),
      p99SE: mm1QuantileSE(lambda, mu, n, 'p99'),
      utilizationSE,
    };
  };

  it('has the mean sojourn 1/(μ−λ), the median ln 2/(μ−λ) and p99 = ln(100)/(μ−λ)', () => {
    const { r, sojournMs, meanSE, p50SE, p99SE } = theory();
    const { latencyMs } = r.summary.endToEnd;
    expectWithin(`${file} mean sojourn`, latencyMs.mean, sojournMs, Z * meanSE);
    const p50 = Math.LN2 * sojournMs;
    expectWithin(`${file} p50 sojourn`, latencyMs.p50, p50, Z * p50SE + QUANTILE_RESOLUTION * p50);
    const p99 = Math.log(100) * sojournMs;
    expectWithin(`${file} p99 sojourn`, latencyMs.p99, p99, Z * p99SE + QUANTILE_RESOLUTION * p99);
  });

  it('reports confidence intervals of the right width that contain 1/(μ−λ) and ln(100)/(μ−λ)', () => {
    // A check of the CI machinery. Width: the CI's SE (half-width / t₃) against the estimator's true
    // SE. With 4 batches and the skewness adjustment (batchMeans.ts) the ratio spreads wide: over
    // 2000–4000 seeds of an independent Lindley model of these runs it ranged 0.05–3.9× for the mean
    // and 0–7.6× for the p99 (0 once: four batch p99s in one histogram bucket), so the check allows
    // [0.04, 8]: it still catches a unit error or an interval off by a factor of ten. Containment:
    // theory inside the reported 95% CI widened ×2; the same model put it outside for 0.8% of seeds
    // (the p99 at ρ = 0.9) or fewer. Three degrees of freedom make such seeds real: at
    // ARCHSIM_SEED_OFFSET=3 the ρ = 0.9 run's four batch means agree to 0.04 ms (9.78–9.82, true SE
    // 0.26 ms), so its interval is 0.036× as wide as it should be and misses 10 ms: a shortfall of
    // the 4-batch interval's width, which coverage alone does not show.
    const { r, sojournMs, meanSE, p99SE } = theory();
    const { meanMs, p99Ms, batches } = r.summary.endToEnd.confidence;
    const p99 = Math.log(100) * sojournMs;
    for (const [what, ci, expected, trueSE] of [
      ['mean', meanMs, sojournMs, meanSE],
      ['p99', p99Ms, p99, p99SE],
    ] as const) {
      const ratio = ciSE(ci, batches) / trueSE;
      table.push({ check: `${file} ${what} CI width / true SE`, simulated: ratio, theory: 1, tolerance: 7 });
      expect(ratio, `${what} CI width`).toBeGreaterThan(0.04);
      expect(ratio, `${what} CI width`).toBeLessThan(8);
      const half = (ci.high ?? Number.NaN) - (ci.estimate ?? Number.NaN);
      expectWithin(`${file} ${what} inside the CI ×2`, ci.estimate, expected, 2 * half);
    }
  });

  it('has the mean wait ρ/(μ−λ), queue length ρ²/(1−ρ) and utilization ρ', () => {
    const { r, rho, sojournMs, utilizationSE } = theory();
    const server = r.summary.nodes.server;
    const wait = batchSE(r, waitMean(node('server')));
    expectWithin(`${file} mean wait`, server.waitMs.mean, rho * sojournMs, Z * wait);
    const queue = batchSE(
      r,
      perWindow((w) => w.nodes.server.queueLengthMean),
    );
    expectWithin(`${file} mean queue length`, server.queueLengthMean, rho ** 2 / (1 - rho), Z * queue);
    expectWithin(`${file} utilization`, server.utilization, rho, Z * utilizationSE);
  });
});

describe('M/M/c (mmc.archsim.json)', () => {
  const file = 'mmc.archsim.json';

  it('has the Erlang C mean wait C(c, a)/(cμ−λ), the mean sojourn and utilization λ/(cμ)', () => {
    const r = run(file);
    const { lambda, mu, c, utilizationSE } = queueOf(r, 'server');
    const waitMs = erlangC(c, lambda / mu) / (c * mu - lambda);
    const server = r.summary.nodes.server;
    expectWithin(
      `${file} mean wait (Erlang C)`,
      server.waitMs.mean,
      waitMs,
      Z * batchSE(r, waitMean(node('server'))),
    );
    expectMeanSojourn(`${file} mean sojourn`, r, waitMs + 1 / mu);
    expectWithin(`${file} utilization`, server.utilization, lambda / (c * mu), Z * utilizationSE);
  });
});

describe('M/D/1 (md1.archsim.json)', () => {
  const file = 'md1.archsim.json';

  it('has the Pollaczek–Khinchine mean wait ρ/(2μ(1−ρ)), the mean sojourn and utilization ρ', () => {
    const r = run(file);
    const { lambda, mu, utilizationSE } = queueOf(r, 'server');
    const rho = lambda / mu;
    const waitMs = rho / (2 * mu * (1 - rho));
    const server = r.summary.nodes.server;
    expectWithin(
      `${file} mean wait (P-K)`,
      server.waitMs.mean,
      waitMs,
      Z * batchSE(r, waitMean(node('server'))),
    );
    expectMeanSojourn(`${file} mean sojourn`, r, waitMs + 1 / mu);
    expectWithin(`${file} utilization`, server.utilization, rho, Z * utilizationSE);
  });
});

describe('tandem M/M/1 → M/M/1 (tandem.archsim.json)', () => {
  const file = 'tandem.archsim.json';

  it('has the end-to-end mean 1/(μA−λ) + 1/(μB−λ) and the hypoexponential p99', () => {
    const r = run(file);
    const { lambda, mu: muA } = queueOf(r, 'a');
    const { mu: muB } = queueOf(r, 'b');
    expectMeanSojourn(`${file} mean sojourn`, r, 1 / (muA - lambda) + 1 / (muB - lambda));
    const { p99Ms, batches } = r.summary.endToEnd.confidence;
    const p99 = hypoexponentialQuantile(muA - lambda, muB - lambda, 0.99);
    expectWithinCI(`${file} p99 sojourn (engine CI)`, p99Ms, batches, p99);
  });

  it('makes each stage an M/M/1 queue: A waits for its own work only, B sees Poisson arrivals', () => {
    const r = run(file);
    const a = queueOf(r, 'a');
    const b = queueOf(r, 'b');
    const { lambda } = a;
    const nodes = r.summary.nodes;
    // A holds its worker only for its own work: its wait is an M/M/1 wait at ρA.
    const waitA = lambda / a.mu / (a.mu - lambda);
    expectWithin(`${file} A mean wait`, nodes.a.waitMs.mean, waitA, Z * batchSE(r, waitMean(node('a'))));
    const sojournB = 1 / (b.mu - lambda);
    expectWithin(
      `${file} B mean sojourn`,
      nodes.b.latencyMs.mean,
      sojournB,
      Z * batchSE(r, latencyMean(node('b'))),
    );
    expectWithin(`${file} A utilization`, nodes.a.utilization, lambda / a.mu, Z * a.utilizationSE);
    expectWithin(`${file} B utilization`, nodes.b.utilization, lambda / b.mu, Z * b.utilizationSE);
  });
});

describe('M/M/1/K (mm1k.archsim.json)', () => {
  const file = 'mm1k.archsim.json';

  it('refuses (1−ρ)ρ^K/(1−ρ^(K+1)) of arrivals as queueFull (K = capacity + 1), and has the sojourn', () => {
    const r = run(file);
    const { lambda, mu, capacity } = queueOf(r, 'server');
    const theory = mm1k(lambda, mu, (capacity ?? 0) + 1);
    const server = r.summary.nodes.server;
    const se = batchSE(r, (w) => [w.nodes.server.errors.queueFull, w.nodes.server.arrivals]);
    expectWithin(
      `${file} blocking ratio`,
      server.errors.queueFull / server.arrivals,
      theory.blocking,
      Z * se,
    );
    expect(server.errors.total).toBe(server.errors.queueFull);
    expectMeanSojourn(`${file} admitted mean sojourn`, r, theory.sojournMs);
  });
});
