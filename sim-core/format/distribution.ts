import { z } from 'zod';

/**
 * A probability distribution of a duration, in the unit its field name gives (`serviceTimeMs` → ms).
 * `lognormal` takes either `{mean, cv}` or `{p50, p99}`: engineers read p50/p99 off their dashboards.
 * `empirical` is a piecewise-linear inverse CDF through the given percentiles; the 0th percentile is 0
 * unless given, and the 100th must be given so that every draw is bounded.
 */

/**
 * The largest value a duration parameter may take, in its unit (about 31.7 years in ms). Nothing real
 * takes longer, and below it every draw of every kind stays a finite number, far from overflow.
 */
export const MAX_DURATION_VALUE = 1e12;
/**
 * Skew limits of the lognormal, both about σ = 3. Beyond them half of the mean comes from draws rarer
 * than 1 in 700, so a run would report a mean far below the one asked for (at `cv` 1e200 every
 * draw is practically 0): such tails want an `empirical` table.
 */
export const MAX_LOGNORMAL_CV = 100;
export const MAX_LOGNORMAL_P99_OVER_P50 = 1000;

const nonNegative = z.number().min(0).max(MAX_DURATION_VALUE);
const positive = z.number().gt(0).max(MAX_DURATION_VALUE);

export const constantDist = z.strictObject({ dist: z.literal('constant'), value: nonNegative });
export const exponentialDist = z.strictObject({ dist: z.literal('exponential'), mean: positive });
export const uniformDist = z
  .strictObject({ dist: z.literal('uniform'), min: nonNegative, max: nonNegative })
  .refine((d) => d.max >= d.min, { message: 'dist.maxBelowMin', path: ['max'] });
export const normalDist = z.strictObject({ dist: z.literal('normal'), mean: nonNegative, sd: nonNegative });
export const lognormalDist = z
  .strictObject({
    dist: z.literal('lognormal'),
    mean: positive.optional(),
    cv: z.number().gt(0).optional(),
    p50: positive.optional(),
    p99: positive.optional(),
  })
  .superRefine((d, ctx) => {
    const byMoments = d.mean !== undefined || d.cv !== undefined;
    const byPercentiles = d.p50 !== undefined || d.p99 !== undefined;
    if (byMoments && byPercentiles) {
      ctx.addIssue({ code: 'custom', path: [], message: 'dist.bothForms' });
    } else if (byPercentiles) {
      if (d.p50 === undefined || d.p99 === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [d.p50 === undefined ? 'p50' : 'p99'],
          message: 'dist.p50Required',
        });
      } else if (d.p99 <= d.p50) {
        ctx.addIssue({ code: 'custom', path: ['p99'], message: 'dist.p99BelowP50', params: { p50: d.p50 } });
      } else if (d.p99 > d.p50 * MAX_LOGNORMAL_P99_OVER_P50) {
        ctx.addIssue({
          code: 'custom',
          path: ['p99'],
          message: 'dist.lognormalP99Skew',
          params: { max: MAX_LOGNORMAL_P99_OVER_P50, limit: d.p50 * MAX_LOGNORMAL_P99_OVER_P50, got: d.p99 },
        });
      }
    } else if (d.cv !== undefined && d.cv > MAX_LOGNORMAL_CV) {
      ctx.addIssue({
        code: 'custom',
        path: ['cv'],
        message: 'dist.lognormalCvSkew',
        params: { max: MAX_LOGNORMAL_CV, got: d.cv },
      });
    } else if (d.mean === undefined || d.cv === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [d.mean === undefined ? 'mean' : 'cv'],
        message: 'dist.formRequired',
      });
    }
  });
export const erlangDist = z.strictObject({
  dist: z.literal('erlang'),
  k: z.number().int().min(1),
  mean: positive,
});

const percentileKey = /^(100|[1-9]?\d)(\.\d+)?$/;
export const empiricalDist = z
  .strictObject({
    dist: z.literal('empirical'),
    percentiles: z.record(z.string(), nonNegative),
  })
  .superRefine((d, ctx) => {
    const points: [number, number][] = [];
    for (const [key, value] of Object.entries(d.percentiles)) {
      const p = Number(key);
      if (!percentileKey.test(key) || p > 100) {
        ctx.addIssue({
          code: 'custom',
          path: ['percentiles', key],
          message: 'dist.percentileKey',
        });
        return;
      }
      points.push([p, value]);
    }
    points.sort((a, b) => a[0] - b[0]);
    if (points.length === 0 || points[points.length - 1][0] !== 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['percentiles'],
        message: 'dist.needsMax',
      });
      return;
    }
    for (let i = 1; i < points.length; i++) {
      if (points[i][1] < points[i - 1][1]) {
        ctx.addIssue({
          code: 'custom',
          path: ['percentiles', String(points[i][0])],
          message: 'dist.decreasing',
          params: { percentile: points[i - 1][0], value: points[i - 1][1] },
        });
        return;
      }
    }
  });

/** Any duration distribution, told apart by `dist`. */
export const distribution = z.discriminatedUnion('dist', [
  constantDist,
  exponentialDist,
  uniformDist,
  normalDist,
  lognormalDist,
  erlangDist,
  empiricalDist,
]);

export type Distribution = z.infer<typeof distribution>;

export const DIST_KINDS = [
  'constant',
  'exponential',
  'uniform',
  'normal',
  'lognormal',
  'erlang',
  'empirical',
] as const;
export type DistKind = (typeof DIST_KINDS)[number];
