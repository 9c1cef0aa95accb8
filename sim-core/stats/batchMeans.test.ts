import { describe, expect, it } from 'vitest';
import { streamFor } from '../random/Prng.ts';
import { batchInterval, TARGET_BATCHES, windowsPerBatch } from './batchMeans.ts';

/*
 * Coverage of the summary's 95% interval for the mean latency: over many seeds, how often it contains
 * the true mean. The runs are M/M/1 queues simulated directly (Lindley's recursion, μ = 1 per ms),
 * recorded the way the engine records them (each sojourn in the window where it ends) and batched by
 * the engine's own rule. A direct path costs a few operations per request, so hundreds of seeds stay
 * cheap; the engine's M/M/1 matches theory in theory.test.ts.
 */

/**
 * Seeds per load. The coverage of a 95% interval over n seeds has a binomial standard error of
 * √(0.95 · 0.05 / n) = 1.09% at n = 400: the test allows 2.5 standard errors (2.7 points) either side
 * of 95%, so it fails for a method whose coverage is really 92% with probability ≈ 0.7 and for a
 * correct one with probability ≈ 0.01 (the seeds are fixed: it passes or fails the same way every
 * time). `ARCHSIM_COVERAGE_SEEDS=2000` measures it more finely (and takes five times as long).
 */
const SEEDS = Number(process.env.ARCHSIM_COVERAGE_SEEDS ?? 400);
const TOLERANCE = 2.5 * Math.sqrt((0.95 * 0.05) / SEEDS);
const WINDOWS = 200;

/**
 * Mean sojourn of customers ending in each of `windows` windows of `windowMs`, starting from the
 * stationary state (a geometric queue, each with its exponential work left), so no warm-up is needed.
 */
function mm1Windows(
  rho: number,
  seed: number,
  windowMs: number,
): { counts: Float64Array; sums: Float64Array } {
  const rng = streamFor(seed, 'coverage:mm1');
  const exp = () => -Math.log(1 - rng.next());
  const counts = new Float64Array(WINDOWS);
  const sums = new Float64Array(WINDOWS);
  const endMs = WINDOWS * windowMs;
  let free = 0;
  while (rng.next() < rho) free += exp();
  for (let t = exp() / rho; t < endMs; t += exp() / rho) {
    free = Math.max(t, free) + exp();
    if (free >= endMs) continue;
    const w = Math.floor(free / windowMs);
    counts[w]++;
    sums[w] += free - t;
  }
  return { counts, sums };
}

/** The share of seeds whose interval (batched as the engine batches) contains 1/(μ − λ). */
function coverage(rho: number, windowMs: number): number {
  const truth = 1 / (1 - rho);
  const size = windowsPerBatch(WINDOWS);
  let covered = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const { counts, sums } = mm1Windows(rho, seed, windowMs);
    const batches: number[] = [];
    let n = 0;
    let sum = 0;
    for (let b = 0; b + size <= WINDOWS; b += size) {
      let bn = 0;
      let bs = 0;
      for (let w = b; w < b + size; w++) {
        bn += counts[w];
        bs += sums[w];
      }
      batches.push(bs / bn);
      n += bn;
      sum += bs;
    }
    const ci = batchInterval(sum / n, batches);
    if ((ci.low ?? Number.NaN) <= truth && truth <= (ci.high ?? Number.NaN)) covered++;
  }
  return covered / SEEDS;
}

describe('the batch-means interval of the mean', () => {
  it(`batches the windows after warm-up into ${TARGET_BATCHES}`, () => {
    expect(windowsPerBatch(200)).toBe(20);
    expect(windowsPerBatch(25)).toBe(2);
    expect(windowsPerBatch(3)).toBe(1);
  });

  // Windows as long as the engine's default 1 s at 1 ms of work for ρ = 0.9 (200 s: about 500
  // relaxation times 1/(μ(1 − √ρ)²)); at lower loads the queue forgets faster, and windows of the same
  // number of relaxation times are shorter and cheaper.
  it.each([
    [0.5, 31],
    [0.8, 130],
    [0.9, 1000],
  ])('covers the M/M/1 mean at ρ = %s (windows of %s ms) 95 times in 100', (rho, windowMs) => {
    const share = coverage(rho, windowMs);
    console.log(`coverage at ρ = ${rho}: ${(share * 100).toFixed(1)}% over ${SEEDS} seeds`);
    expect(share).toBeGreaterThan(0.95 - TOLERANCE);
    expect(share).toBeLessThan(0.95 + TOLERANCE);
  });
});
