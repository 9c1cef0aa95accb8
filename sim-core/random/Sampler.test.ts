import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Distribution,
  distribution,
  MAX_DURATION_VALUE,
  MAX_LOGNORMAL_CV,
  MAX_LOGNORMAL_P99_OVER_P50,
} from '../format/distribution.ts';
import { streamFor } from './Prng.ts';
import { coefficientOfVariation, Sampler, Z99 } from './Sampler.ts';

const DRAWS = 4000;

/** The sample mean and standard deviation of `draws`. */
function moments(draws: number[]): { mean: number; sd: number } {
  let sum = 0;
  let squares = 0;
  for (const x of draws) {
    sum += x;
    squares += x * x;
  }
  const mean = sum / draws.length;
  return { mean, sd: Math.sqrt(Math.max(0, squares / draws.length - mean * mean)) };
}

/** A positive double anywhere in (0, max], spread over every order of magnitude. */
const positive = (max: number) =>
  fc.oneof(
    fc.double({ min: Number.MIN_VALUE, max, noNaN: true }),
    fc.integer({ min: -300, max: Math.floor(Math.log10(max)) }).map((e) => 10 ** e),
    fc.constant(max),
  );
const nonNegative = (max: number) => fc.oneof(fc.constant(0), positive(max));

/** Every kind over extreme but valid parameters (what the validator lets through). */
const extremeDistribution: fc.Arbitrary<Distribution> = fc.oneof(
  nonNegative(MAX_DURATION_VALUE).map((value) => ({ dist: 'constant' as const, value })),
  positive(MAX_DURATION_VALUE).map((mean) => ({ dist: 'exponential' as const, mean })),
  fc
    .tuple(nonNegative(MAX_DURATION_VALUE), nonNegative(MAX_DURATION_VALUE))
    .map(([a, b]) => ({ dist: 'uniform' as const, min: Math.min(a, b), max: Math.max(a, b) })),
  fc
    .tuple(nonNegative(MAX_DURATION_VALUE), nonNegative(MAX_DURATION_VALUE))
    .map(([mean, sd]) => ({ dist: 'normal' as const, mean, sd })),
  fc
    .tuple(positive(MAX_DURATION_VALUE), positive(MAX_LOGNORMAL_CV))
    .map(([mean, cv]) => ({ dist: 'lognormal' as const, mean, cv })),
  fc
    .tuple(positive(MAX_DURATION_VALUE / MAX_LOGNORMAL_P99_OVER_P50), fc.double({ min: 1, max: 1000 }))
    .filter(([p50, ratio]) => p50 * ratio > p50)
    .map(([p50, ratio]) => ({ dist: 'lognormal' as const, p50, p99: p50 * ratio })),
  fc
    .tuple(
      fc.oneof(
        fc.integer({ min: 1, max: 2000 }),
        fc.constantFrom(699, 700, 745, 1e6, 1e9, 1e15, Number.MAX_SAFE_INTEGER),
      ),
      positive(MAX_DURATION_VALUE),
    )
    .map(([k, mean]) => ({ dist: 'erlang' as const, k, mean })),
  fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { maxLength: 6 }).chain((keys) =>
    fc
      .array(nonNegative(MAX_DURATION_VALUE), { minLength: keys.length + 1, maxLength: keys.length + 1 })
      .map((values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const ps = [...keys].sort((a, b) => a - b);
        const percentiles: Record<string, number> = { '100': sorted[sorted.length - 1] };
        ps.forEach((p, i) => {
          percentiles[String(p)] = sorted[i];
        });
        return { dist: 'empirical' as const, percentiles };
      }),
  ),
);

/** σ of a lognormal as the sampler compiles it. */
function lognormalSigma(d: Extract<Distribution, { dist: 'lognormal' }>): number {
  if (d.p50 !== undefined && d.p99 !== undefined) return Math.log(d.p99 / d.p50) / Z99;
  return Math.sqrt(Math.log(1 + (d.cv ?? 1) ** 2));
}

/**
 * An upper bound on the standard deviation of one draw (not the variance, which underflows for tiny
 * parameters), when the mean of `DRAWS` draws is close enough to normal for a 6σ check; null for heavy
 * lognormal tails, whose median is checked instead.
 */
function sdBound(d: Distribution, mean: number): number | null {
  switch (d.dist) {
    case 'constant':
      return 0;
    case 'exponential':
      return mean;
    case 'uniform':
      return (d.max - d.min) / Math.sqrt(12);
    case 'normal':
      return d.sd; // truncation at 0 only narrows it
    case 'lognormal': {
      const sigma = lognormalSigma(d);
      return sigma <= 1 ? mean * Math.sqrt(Math.expm1(sigma * sigma)) : null;
    }
    case 'erlang':
      return mean / Math.sqrt(d.k);
    case 'empirical':
      return d.percentiles['100'] / 2;
  }
}

describe('Sampler', () => {
  it('draws finite, non-negative times with the stated mean, over extreme but valid parameters', () => {
    fc.assert(
      fc.property(extremeDistribution, fc.nat(), (d, seed) => {
        // Only what the validator accepts: the property is about valid input.
        expect(distribution.safeParse(d).success).toBe(true);
        const sampler = Sampler.of(d);
        expect(Number.isFinite(sampler.mean)).toBe(true);
        const rng = streamFor(seed, 'sampler-test');
        const draws = new Float64Array(DRAWS);
        let sum = 0;
        for (let i = 0; i < DRAWS; i++) {
          const x = sampler.sample(rng);
          if (!(Number.isFinite(x) && x >= 0)) throw new Error(`draw ${i} is ${x}`);
          draws[i] = x;
          sum += x;
        }
        const sd = sdBound(d, sampler.mean);
        if (sd !== null) {
          // Plus rounding: subnormal parameters (5e-324 ms) draw 0.
          const tolerance = (6 * sd) / Math.sqrt(DRAWS) + 1e-9 * sampler.mean + 1e-300;
          expect(Math.abs(sum / DRAWS - sampler.mean)).toBeLessThanOrEqual(tolerance);
        } else if (d.dist === 'lognormal') {
          // Heavy tail: the sample median, in log space, sits within 6 standard errors of μ.
          draws.sort();
          const sigma = lognormalSigma(d);
          const mu = Math.log(sampler.mean) - (sigma * sigma) / 2;
          const medianError = (1.2533 * sigma) / Math.sqrt(DRAWS);
          // A median far below the smallest double draws 0: nothing to compare in log space.
          if (mu < -650) return;
          expect(Math.abs(Math.log(draws[DRAWS / 2]) - mu)).toBeLessThanOrEqual(6 * medianError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the product-of-uniforms stream for a few Erlang stages', () => {
    // The draws every existing topology was run with: −(mean/k)·ln Π(1 − u).
    const sampler = Sampler.of({ dist: 'erlang', k: 3, mean: 6 });
    const a = streamFor(7, 'erlang');
    const b = streamFor(7, 'erlang');
    for (let i = 0; i < 100; i++) {
      const expected = -2 * Math.log((1 - b.next()) * (1 - b.next()) * (1 - b.next()));
      expect(sampler.sample(a)).toBe(expected);
    }
  });

  it.each([700, 745, 5000, 1e9, Number.MAX_SAFE_INTEGER])(
    'draws Erlang k = %d with its mean and spread',
    (k) => {
      // The product of 745 uniforms underflows to 0, which once made every draw infinite.
      const mean = 10;
      const sampler = Sampler.of({ dist: 'erlang', k, mean });
      const rng = streamFor(1, 'erlang-large');
      const n = 20_000;
      const draws = Array.from({ length: n }, () => sampler.sample(rng));
      expect(draws.every(Number.isFinite)).toBe(true);
      const sample = moments(draws);
      const sd = mean / Math.sqrt(k);
      expect(Math.abs(sample.mean - mean)).toBeLessThan(6 * (sd / Math.sqrt(n)) + 1e-12 * mean);
      if (k <= 5000) expect(sample.sd / sd).toBeCloseTo(1, 1);
    },
  );

  it('draws an empirical table through its percentiles, never decreasing', () => {
    const sampler = Sampler.of({ dist: 'empirical', percentiles: { '50': 2, '90': 2, '99': 40, '100': 50 } });
    const rng = streamFor(3, 'empirical');
    const draws = Array.from({ length: 20_000 }, () => sampler.sample(rng)).sort((a, b) => a - b);
    expect(draws[0]).toBeGreaterThanOrEqual(0);
    expect(draws[Math.floor(0.7 * draws.length)]).toBe(2);
    expect(draws[draws.length - 1]).toBeLessThanOrEqual(50);
  });

  it.each<[string, Distribution]>([
    ['constant', { dist: 'constant', value: 4 }],
    ['exponential', { dist: 'exponential', mean: 4 }],
    ['uniform', { dist: 'uniform', min: 1, max: 9 }],
    ['normal, barely truncated', { dist: 'normal', mean: 10, sd: 2 }],
    ['normal, cut at 0', { dist: 'normal', mean: 1, sd: 3 }],
    ['lognormal by cv', { dist: 'lognormal', mean: 4, cv: 0.6 }],
    ['lognormal by percentiles', { dist: 'lognormal', p50: 4, p99: 20 }],
    ['erlang', { dist: 'erlang', k: 3, mean: 6 }],
    ['empirical', { dist: 'empirical', percentiles: { '50': 2, '90': 5, '99': 40, '100': 50 } }],
  ])('gives the coefficient of variation a %s draws', (_name, d) => {
    const sampler = Sampler.of(d);
    const rng = streamFor(5, 'cv');
    const sample = moments(Array.from({ length: 200_000 }, () => sampler.sample(rng)));
    expect(coefficientOfVariation(d)).toBeCloseTo(sample.sd / sample.mean, 2);
  });
});
