import { z } from 'zod';

/**
 * A probability distribution of a duration, in the unit its field name gives (`serviceTimeMs` → ms).
 * `lognormal` takes either `{mean, cv}` or `{p50, p99}`: engineers read p50/p99 off their dashboards.
 * `empirical` is a piecewise-linear inverse CDF through the given percentiles; the 0th percentile is 0
 * unless given, and the 100th must be given so that every draw is bounded.
 */
const nonNegative = z.number().min(0);
const positive = z.number().gt(0);

export const constantDist = z.strictObject({ dist: z.literal('constant'), value: nonNegative });
export const exponentialDist = z.strictObject({ dist: z.literal('exponential'), mean: positive });
export const uniformDist = z
  .strictObject({ dist: z.literal('uniform'), min: nonNegative, max: nonNegative })
  .refine((d) => d.max >= d.min, { message: 'max must be ≥ min', path: ['max'] });
export const normalDist = z.strictObject({ dist: z.literal('normal'), mean: nonNegative, sd: nonNegative });
export const lognormalDist = z
  .strictObject({
    dist: z.literal('lognormal'),
    mean: positive.optional(),
    cv: positive.optional(),
    p50: positive.optional(),
    p99: positive.optional(),
  })
  .superRefine((d, ctx) => {
    const byMoments = d.mean !== undefined || d.cv !== undefined;
    const byPercentiles = d.p50 !== undefined || d.p99 !== undefined;
    if (byMoments && byPercentiles) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give either {mean, cv} or {p50, p99}, not both' });
    } else if (byPercentiles) {
      if (d.p50 === undefined || d.p99 === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [d.p50 === undefined ? 'p50' : 'p99'],
          message: 'is required with the {p50, p99} form',
        });
      } else if (d.p99 <= d.p50) {
        ctx.addIssue({ code: 'custom', path: ['p99'], message: `must be greater than p50 (${d.p50})` });
      }
    } else if (d.mean === undefined || d.cv === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [d.mean === undefined ? 'mean' : 'cv'],
        message: 'is required: give {mean, cv} or {p50, p99}',
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
          message: 'a percentile key must be a number from 0 to 100',
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
        message: 'must include the "100" percentile (the maximum)',
      });
      return;
    }
    for (let i = 1; i < points.length; i++) {
      if (points[i][1] < points[i - 1][1]) {
        ctx.addIssue({
          code: 'custom',
          path: ['percentiles', String(points[i][0])],
          message: `must be ≥ the value at percentile ${points[i - 1][0]} (${points[i - 1][1]}): percentiles cannot decrease`,
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
