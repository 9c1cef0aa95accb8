import { describe, expect, it } from 'vitest';
import { exponential, mm1Windows, seedExponential } from '../test/mm1Windows.ts';
import { runTopologyFile } from '../test/runTopologyFile.ts';
import { BATCHES, batchCount, batchEnd, batchInterval, meanSkewness, ratioSkewness } from './batchMeans.ts';
import { studentT975 } from './studentT.ts';

/*
 * Coverage of the summary's 95% interval for the mean latency: over many seeds, how often it contains
 * the true mean 1/(μ − λ). The runs are M/M/1 queues at 1 ms of work with 1 s windows, the engine's
 * typical scale, simulated directly (mm1Windows.ts: Lindley's recursion, each sojourn recorded in the
 * window where it ends) and put through the engine's own rule (`intervalOf` below, checked against a
 * real engine run at the end). Started empty with no warm-up, as the engine runs by default, and
 * started stationary.
 *
 * Seeds and tolerance. 2000 seeds per cell: a coverage measured over n seeds has a binomial standard
 * error of √(0.95 · 0.05 / 2000) = 0.49 points at 95%. Each cell must lie within 95 ± 1.5 points
 * (3.1 standard errors): a method whose true coverage is 95.0% fails a cell with probability 0.2%
 * (about 2% for all nine cells together, at most), one at 94.5% with probability 2.5%, one at 94%
 * with 17%; one at 93% passes with probability 19%, and the old 10-batch interval (91.7% over 60
 * windows at ρ = 0.9) with probability 0.2%. The seeds are fixed, so the test passes or fails the same
 * way every time. `ARCHSIM_COVERAGE_SEEDS=4000` measures it more finely (and takes twice as long).
 * The figures measured with 4000 other seeds, and at 20–600 windows, are in batchMeans.ts.
 */
const SEEDS = Number(process.env.ARCHSIM_COVERAGE_SEEDS ?? 2000);
const TOLERANCE = 0.015;
const WINDOW_MS = 1000;
const SHORT = 60;
const LONG = 200;

/** The mean and its interval as the Recorder gives them, for the first `windows` windows. */
function intervalOf(counts: Float64Array, sums: Float64Array, windows: number) {
  const batches: number[] = [];
  let n = 0;
  let sum = 0;
  let from = 0;
  for (let b = 0; b < batchCount(windows); b++) {
    const to = batchEnd(windows, b);
    let bn = 0;
    let bs = 0;
    for (let w = from; w < to; w++) {
      bn += counts[w];
      bs += sums[w];
    }
    if (bn > 0) batches.push(bs / bn);
    n += bn;
    sum += bs;
    from = to;
  }
  const estimate = sum / n;
  return batchInterval(estimate, batches, ratioSkewness(counts.subarray(0, windows), sums, estimate));
}

/** The share of seeds whose interval contains 1/(μ − λ), for each run length in `lengths` (windows). */
function coverage(rho: number, start: 'empty' | 'stationary', lengths: readonly number[]): number[] {
  const truth = 1 / (1 - rho);
  const windows = Math.max(...lengths);
  const counts = new Float64Array(windows);
  const sums = new Float64Array(windows);
  const covered = lengths.map(() => 0);
  for (let seed = 1; seed <= SEEDS; seed++) {
    mm1Windows(rho, seed, start, WINDOW_MS, counts, sums);
    lengths.forEach((length, i) => {
      const ci = intervalOf(counts, sums, length);
      if ((ci.low ?? Number.NaN) <= truth && truth <= (ci.high ?? Number.NaN)) covered[i]++;
    });
  }
  return covered.map((c) => c / SEEDS);
}

function expectCoverage(share: number, what: string): void {
  console.log(`coverage ${what}: ${(share * 100).toFixed(1)}% over ${SEEDS} seeds`);
  expect(share, what).toBeGreaterThanOrEqual(0.95 - TOLERANCE);
  expect(share, what).toBeLessThanOrEqual(0.95 + TOLERANCE);
}

describe('batching', () => {
  it(`cuts the windows after warm-up into ${BATCHES} near-equal batches that use every window`, () => {
    expect([0, 1, 2, 3].map((b) => batchEnd(60, b))).toEqual([15, 30, 45, 60]);
    expect([0, 1, 2, 3].map((b) => batchEnd(22, b))).toEqual([5, 11, 16, 22]);
    // Fewer windows than batches: a batch per window.
    expect(batchCount(3)).toBe(3);
    expect([0, 1, 2].map((b) => batchEnd(3, b))).toEqual([1, 2, 3]);
    expect(batchCount(1)).toBe(1);
  });
});

describe('the skewness-adjusted interval', () => {
  it('is the Student t interval when the estimate is not skewed', () => {
    const ci = batchInterval(2.5, [1, 2, 3, 4], 0);
    const half = studentT975(3) * Math.sqrt(5 / 3 / 4);
    expect(ci.low).toBeCloseTo(2.5 - half, 12);
    expect(ci.high).toBeCloseTo(2.5 + half, 12);
  });

  it('reaches further towards the long tail than the other, and is wider', () => {
    const batches = [8, 9, 10, 13];
    const plain = batchInterval(10, batches, 0);
    const skewed = batchInterval(10, batches, 0.2);
    const half = (plain.high ?? Number.NaN) - 10;
    const low = skewed.low ?? Number.NaN;
    const high = skewed.high ?? Number.NaN;
    expect(10 - low).toBeLessThan(half);
    expect(high - 10).toBeGreaterThan(half);
    expect((high - low) / (2 * half)).toBeGreaterThan(1);
    expect((high - low) / (2 * half)).toBeLessThan(1.2);
    // Mirror image for a left tail.
    const left = batchInterval(-10, [-8, -9, -10, -13], -0.2);
    expect(left.low).toBeCloseTo(-high, 12);
    expect(left.high).toBeCloseTo(-low, 12);
  });

  it('has no bounds with fewer than 2 batches or no estimate, and a finite one from 2 batches', () => {
    expect(batchInterval(1, [1], 0)).toEqual({ estimate: 1, low: null, high: null });
    expect(batchInterval(null, [1, 2], 0)).toEqual({ estimate: null, low: null, high: null });
    const two = batchInterval(1.5, [1, 2], meanSkewness([1, 2]));
    expect(two.low).toBeCloseTo(1.5 - 12.706 * 0.5, 9);
  });

  it('takes the skewness of a ratio estimate from its windows', () => {
    // Symmetric residuals around the estimate: no skewness; one window far above: positive.
    expect(ratioSkewness([10, 10, 10, 10], [90, 110, 95, 105], 10)).toBeCloseTo(0, 12);
    expect(ratioSkewness([10, 10, 10, 10, 10], [95, 95, 95, 95, 120], 10)).toBeGreaterThan(0.5);
    expect(ratioSkewness([10, 10], [90, 110], 10)).toBe(0);
  });
});

describe('the mean-latency interval on M/M/1 at 1 ms of work, 1 s windows', () => {
  it('draws exponentials of mean 1 with the right tail', () => {
    seedExponential(1, 'coverage:check');
    const n = 1_000_000;
    let sum = 0;
    let sq = 0;
    let over3 = 0;
    let over8 = 0;
    for (let i = 0; i < n; i++) {
      const x = exponential();
      sum += x;
      sq += x * x;
      if (x > 3) over3++;
      if (x > 8) over8++;
    }
    // SEs: mean 0.001, second moment 0.0045, tail shares √(p/n).
    expect(Math.abs(sum / n - 1)).toBeLessThan(0.005);
    expect(Math.abs(sq / n - 2)).toBeLessThan(0.025);
    expect(Math.abs(over3 / n - Math.exp(-3))).toBeLessThan(5 * Math.sqrt(Math.exp(-3) / n));
    expect(Math.abs(over8 / n - Math.exp(-8))).toBeLessThan(5 * Math.sqrt(Math.exp(-8) / n));
  });

  it.each([0.5, 0.8, 0.9])(
    `started empty, ρ = %s: covers 95 ± 1.5 in 100 over ${SHORT} and ${LONG} windows`,
    (rho) => {
      const [short, long] = coverage(rho, 'empty', [SHORT, LONG]);
      expectCoverage(short, `ρ = ${rho}, empty, ${SHORT} windows`);
      expectCoverage(long, `ρ = ${rho}, empty, ${LONG} windows`);
    },
  );

  it.each([0.5, 0.8, 0.9])(
    `started stationary, ρ = %s: covers 95 ± 1.5 in 100 over ${SHORT} windows`,
    (rho) => {
      const [short] = coverage(rho, 'stationary', [SHORT]);
      expectCoverage(short, `ρ = ${rho}, stationary, ${SHORT} windows`);
    },
  );
});

describe("the engine's summary interval", () => {
  it('is the method applied to its own windows, and contains 1/(μ − λ)', () => {
    // mm1.archsim.json: λ = 900 rps, μ = 1000 rps (1/(μ − λ) = 10 ms), 20 s of warm-up, then 60 windows.
    const run = runTopologyFile('mm1.archsim.json', { durationSec: 80 });
    const after = run.windows.filter((w) => w.startSec >= run.summary.warmupSec - 1e-9);
    expect(after).toHaveLength(SHORT);
    const counts = Float64Array.from(after, (w) => w.endToEnd.completions);
    const sums = Float64Array.from(after, (w) => (w.endToEnd.latencyMs.mean ?? 0) * w.endToEnd.completions);
    const expected = intervalOf(counts, sums, after.length);
    const { meanMs, p99Ms, batches } = run.summary.endToEnd.confidence;
    expect(batches).toBe(BATCHES);
    expect(meanMs.estimate).toBeCloseTo(expected.estimate ?? Number.NaN, 9);
    expect(meanMs.low).toBeCloseTo(expected.low ?? Number.NaN, 9);
    expect(meanMs.high).toBeCloseTo(expected.high ?? Number.NaN, 9);
    expect(meanMs.low ?? Number.NaN).toBeLessThanOrEqual(10);
    expect(meanMs.high ?? Number.NaN).toBeGreaterThanOrEqual(10);
    // The p99's batches are histogram quantiles, not rebuilt here: it has bounds around its estimate.
    expect(p99Ms.low ?? Number.NaN).toBeLessThan(p99Ms.estimate ?? Number.NaN);
    expect(p99Ms.high ?? Number.NaN).toBeGreaterThan(p99Ms.estimate ?? Number.NaN);
  });
});
