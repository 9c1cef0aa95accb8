import type { ConfidenceInterval } from '../results/types.ts';
import { studentT975 } from './studentT.ts';

/**
 * The summary's confidence intervals: non-overlapping batch means over the windows after warm-up,
 * `BATCHES` batches, with Willink's skewness adjustment to the Student t interval.
 *
 * Why the old 10-batch t interval undercovered. On M/M/1 at 1 ms of work with 1 s windows it covered
 * the mean 91.7% of the time at ρ = 0.9 over 60 windows (88.1% over 20). Correlated batches were not
 * the cause: over 60 windows or more the batch means' lag-1 autocorrelation was ≤ 0.03, and their
 * variance within 7% of the estimate's. Skewness was: a queue's mean latency over a run is skewed to
 * the right (skewness 0.6 at ρ = 0.9 over 60 s), and a run whose estimate fell low also had little
 * spread between its batches, so 7.6% of the intervals ended below the truth and 0.7% above it.
 * Methods that fight correlation alone did not help, measured on the same runs (60 windows, ρ = 0.9):
 * LBATCH-style merging of windows until a von Neumann test passes (Fishman & Yarberry 1997) kept about
 * 35 batches and covered 90.1%; the AR(1) factor (1 + φ̂)/(1 − φ̂) with φ̂ from 10 batch means, 88%
 * (φ̂ from k batches is biased by about −(1 + 3φ)/k); overlapping batch means (m = n/5, 1.5(n/m − 1)
 * degrees of freedom), 92.4%.
 *
 * What works is two of the adjustments of Skart and N-Skart (Tafazzoli & Wilson, "Skart: a skewness-
 * and autoregression-adjusted batch-means procedure for simulation analysis", IIE Transactions, 2011;
 * Tafazzoli, Steiger & Wilson, "N-Skart: a nonsequential skewness- and autoregression-adjusted
 * batch-means procedure for simulation analysis", IEEE Transactions on Automatic Control, 2011):
 * - **Skewness.** Willink's interval ("A confidence interval and test for the mean of an asymmetric
 *   distribution", Communications in Statistics — Theory and Methods, 2005), from the Cornish–Fisher
 *   expansion of the t statistic: [x̂ − G(t)·se, x̂ − G(−t)·se] with G(z) = ((1 + 6a(z − a))^⅓ − 1)/(2a)
 *   and a = γ/6, γ the skewness of the estimate itself. It stretches the interval towards the long
 *   tail. N-Skart takes γ from the batch statistics; here it comes from the windows (`ratioSkewness`,
 *   `meanSkewness`): third cumulants add over independent windows, so the run's skewness is the
 *   windows' over √n, and 60 windows estimate it far better than 4 batches can (their sample skewness
 *   cannot exceed 1.15). Started empty, 60 windows at ρ = 0.9: 93.4% with the batches' skewness, 95.7%
 *   with the windows'.
 * - **Few batches.** For a run of fixed length, fewer and longer batches are less correlated and less
 *   skewed, at the price of a wider t quantile (Schmeiser, "Batch size effects in the analysis of
 *   simulation output", Operations Research, 1982); a fixed number of batches stays valid as the run
 *   grows. With the adjustment, stationary, ρ = 0.9: 10 batches covered 93.5% over 60 windows and
 *   91.8% over 20, 5 batches 94.5% and 93.5%, 4 batches 95.0% and 94.9%. The price: the expected
 *   half-width is t₀.₉₇₅,₃·c₄(4) = 2.93 standard errors, against 2.20 with 10 batches (+33%).
 *
 * Coverage of the mean (M/M/1, μ = 1 per ms, 1 s windows, 4000 seeds: standard error 0.35 points), at
 * ρ = 0.5 / 0.8 / 0.9:
 *   windows   started stationary    started empty, no warm-up (the engine's default)
 *   20        94.9 / 94.3 / 94.9    95.0 / 95.4 / 95.2
 *   60        94.9 / 95.4 / 95.0    94.8 / 95.3 / 95.7
 *   120       94.5 / 95.0 / 95.2    95.2 / 95.2 / 95.3
 *   300       95.1 / 95.6 / 95.6    95.3 / 94.9 / 95.2
 *   600       95.0 / 95.2 / 94.7    95.3 / 95.2 / 95.7
 * `batchMeans.test.ts` checks 60 and 200 windows over 2000 other seeds; sim-core.md has the p99's.
 *
 * Warm-up. MSER truncation (JMT applies MSER-5) was measured on the same runs started empty and lowered
 * every figure, by 0.1–4.9 points (60 windows at ρ = 0.9: 95.7% → 93.0% with MSER on the windows, 92.4%
 * with MSER-5): an empty M/M/1 at 1 ms of work is biased by at most 0.2% of its mean, far less than the
 * interval, while MSER cuts after high excursions and so biases the rest low. It is not applied;
 * `warmupSec` is the user's tool.
 *
 * Too few windows: with fewer than `BATCHES` windows each window is a batch, so 2–3 windows give an
 * interval with 1–2 degrees of freedom (honest, and wide); with fewer than 2 batches, or no estimate,
 * `low` and `high` are null.
 */
export const BATCHES = 4;

/** How many batches a run of `windows` windows after warm-up is cut into. */
export function batchCount(windows: number): number {
  return Math.max(1, Math.min(BATCHES, Math.floor(windows)));
}

/**
 * Where batch `b` of a run of `windows` windows ends (exclusive): batch b holds the windows from
 * `batchEnd(windows, b − 1)` to `batchEnd(windows, b)`. Every window is used; sizes differ by at most one.
 */
export function batchEnd(windows: number, b: number): number {
  return Math.floor(((b + 1) * Math.floor(windows)) / batchCount(windows));
}

/**
 * Skewness of the total of independent `residuals` (each around 0), from their adjusted
 * Fisher–Pearson sample skewness G₁ divided by √n. 0 with fewer than 3 values or no spread.
 */
function skewnessOfTotal(residual: (i: number) => number, n: number): number {
  if (n < 3) return 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n; i++) {
    const e = residual(i);
    s2 += e * e;
    s3 += e * e * e;
  }
  if (!(s2 > 0)) return 0;
  return (s3 / s2 ** 1.5) * (Math.sqrt(n * (n - 1)) / (n - 2));
}

/** Skewness of the mean of `values`, taken as independent: G₁ ÷ √n. 0 with fewer than 3. */
export function meanSkewness(values: readonly number[]): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  return skewnessOfTotal((i) => values[i] - mean, values.length);
}

/**
 * Skewness of a ratio estimate Σ sums ÷ Σ counts (a mean latency: windows' latency sums over their
 * completion counts), from its windows: by the delta method the estimate moves with Σ(sum − R·count),
 * so this is the skewness of that total. 0 with fewer than 3 windows.
 */
export function ratioSkewness(counts: ArrayLike<number>, sums: ArrayLike<number>, estimate: number): number {
  return skewnessOfTotal((i) => sums[i] - estimate * counts[i], Math.min(counts.length, sums.length));
}

/** Willink's G: the t quantile z moved for an estimate whose skewness is 6a. */
function willink(z: number, a: number): number {
  // G(z) → z as a → 0; below this, the formula's 0/0 loses more digits than the limit is off by.
  if (Math.abs(a) < 1e-9) return z;
  return (Math.cbrt(1 + 6 * a * (z - a)) - 1) / (2 * a);
}

/**
 * A 95% confidence interval around `estimate` from its batch statistics: standard error s ÷ √k from
 * the k batches, t with k − 1 degrees of freedom, moved for `skewness` (the skewness of the estimate,
 * e.g. `ratioSkewness` of its windows or `meanSkewness` of the batches) as Willink's interval does; a
 * skewness of 0 gives the symmetric t interval. With fewer than 2 batches (or no estimate), `low` and
 * `high` are null.
 */
export function batchInterval(
  estimate: number | null,
  batches: readonly number[],
  skewness: number,
): ConfidenceInterval {
  const k = batches.length;
  if (estimate === null || k < 2) return { estimate, low: null, high: null };
  let mean = 0;
  for (const b of batches) mean += b;
  mean /= k;
  let ss = 0;
  for (const b of batches) ss += (b - mean) ** 2;
  const se = Math.sqrt(ss / (k - 1) / k);
  const t = studentT975(k - 1);
  const a = Number.isFinite(skewness) ? skewness / 6 : 0;
  return { estimate, low: estimate - willink(t, a) * se, high: estimate - willink(-t, a) * se };
}
