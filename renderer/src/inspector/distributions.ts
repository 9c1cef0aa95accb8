import type { Distribution } from '../../../sim-core/format/distribution.ts';

/**
 * The forms a distribution field offers: the file's `dist` kinds, with lognormal's two ways of being
 * given as two forms (`p50 + p99`, the one engineers read off a dashboard, first).
 */
export const DIST_FORMS = [
  'constant',
  'exponential',
  'uniform',
  'normal',
  'lognormal',
  'lognormalMoments',
  'erlang',
  'empirical',
] as const;
export type DistForm = (typeof DIST_FORMS)[number];

/** The 99th percentile of the standard normal: p99 = p50 · e^(Z99·σ) for a lognormal. */
const Z99 = 2.326347874;

/** Which form shows `d`. A lognormal is in the percentile form unless it gives mean or cv. */
export function formOf(d: Distribution): DistForm {
  if (d.dist === 'lognormal') {
    return d.mean !== undefined || d.cv !== undefined ? 'lognormalMoments' : 'lognormal';
  }
  return d.dist;
}

export type DistField = 'value' | 'mean' | 'min' | 'max' | 'sd' | 'p50' | 'p99' | 'cv' | 'k';

/** The numeric fields each form edits, in display order (empirical edits its percentile rows). */
export function fieldsOf(form: DistForm): readonly DistField[] {
  switch (form) {
    case 'constant':
      return ['value'];
    case 'exponential':
      return ['mean'];
    case 'uniform':
      return ['min', 'max'];
    case 'normal':
      return ['mean', 'sd'];
    case 'lognormal':
      return ['p50', 'p99'];
    case 'lognormalMoments':
      return ['mean', 'cv'];
    case 'erlang':
      return ['k', 'mean'];
    case 'empirical':
      return [];
    default: {
      const never: never = form;
      return never;
    }
  }
}

/** Percentile → value points of an empirical distribution, sorted by percentile (0 → 0 unless given). */
export function empiricalPoints(percentiles: Record<string, number>): [number, number][] {
  const points = Object.entries(percentiles)
    .map(([k, v]) => [Number(k), v] as [number, number])
    .filter(([p, v]) => Number.isFinite(p) && Number.isFinite(v))
    .sort((a, b) => a[0] - b[0]);
  if (points.length > 0 && points[0][0] > 0) points.unshift([0, 0]);
  return points;
}

/** The value at percentile `p` of an empirical distribution (linear between points). */
function empiricalAt(points: [number, number][], p: number): number | undefined {
  for (let i = 1; i < points.length; i++) {
    const [p0, v0] = points[i - 1];
    const [p1, v1] = points[i];
    if (p <= p1) return p1 === p0 ? v1 : v0 + ((v1 - v0) * (p - p0)) / (p1 - p0);
  }
  return undefined;
}

const finite = (x: number | undefined): number | undefined =>
  x !== undefined && Number.isFinite(x) && x >= 0 ? x : undefined;

/** The mean of `d`, when its fields give one (a half-typed distribution may not). */
export function meanOf(d: Distribution): number | undefined {
  switch (d.dist) {
    case 'constant':
      return finite(d.value);
    case 'exponential':
    case 'normal':
    case 'erlang':
      return finite(d.mean);
    case 'uniform':
      return finite((d.min + d.max) / 2);
    case 'lognormal': {
      if (d.mean !== undefined) return finite(d.mean);
      if (d.p50 === undefined || d.p99 === undefined || d.p99 <= d.p50) return finite(d.p50);
      const sigma = Math.log(d.p99 / d.p50) / Z99;
      return finite(d.p50 * Math.exp((sigma * sigma) / 2));
    }
    case 'empirical': {
      const points = empiricalPoints(d.percentiles);
      let sum = 0;
      for (let i = 1; i < points.length; i++) {
        sum += ((points[i][0] - points[i - 1][0]) / 100) * ((points[i][1] + points[i - 1][1]) / 2);
      }
      return points.length > 1 ? finite(sum) : finite(points[0]?.[1]);
    }
    default: {
      const never: never = d;
      return never;
    }
  }
}

/** p50 and p99 of `d` where they are known exactly (lognormal, empirical), else `undefined`. */
function percentilesOf(d: Distribution): { p50: number; p99: number } | undefined {
  if (d.dist === 'lognormal' && d.p50 !== undefined && d.p99 !== undefined && d.p99 > d.p50) {
    return { p50: d.p50, p99: d.p99 };
  }
  if (d.dist === 'lognormal' && d.mean !== undefined && d.cv !== undefined) {
    return lognormalPercentiles(d.mean, d.cv);
  }
  if (d.dist === 'empirical') {
    const points = empiricalPoints(d.percentiles);
    const p50 = empiricalAt(points, 50);
    const p99 = empiricalAt(points, 99);
    if (p50 !== undefined && p99 !== undefined && p50 > 0 && p99 > p50) return { p50, p99 };
  }
  return undefined;
}

function lognormalPercentiles(mean: number, cv: number): { p50: number; p99: number } {
  const s2 = Math.log(1 + cv * cv);
  const p50 = mean * Math.exp(-s2 / 2);
  return { p50, p99: p50 * Math.exp(Z99 * Math.sqrt(s2)) };
}

/** Three significant digits: the numbers a switch of form invents should look typed, not computed. */
export function round3(x: number): number {
  return Number(x.toPrecision(3));
}

/**
 * `current` in the form `form`, keeping what carries over: the mean (and, between the lognormal forms
 * and empirical, the percentiles). With nothing to carry, the new form is centred on `fallbackMean`.
 * The same form returns `current` itself.
 */
export function switchForm(
  current: Distribution | undefined,
  form: DistForm,
  fallbackMean = 10,
): Distribution {
  if (current && formOf(current) === form) return current;
  const carried = current ? meanOf(current) : undefined;
  const m = carried !== undefined && carried > 0 ? carried : fallbackMean;
  const known = current ? percentilesOf(current) : undefined;
  // With nothing better, a spread like a typical service: coefficient of variation 1.
  const spread = known ?? lognormalPercentiles(m, 1);
  switch (form) {
    case 'constant':
      return { dist: 'constant', value: round3(m) };
    case 'exponential':
      return { dist: 'exponential', mean: round3(m) };
    case 'uniform':
      return { dist: 'uniform', min: round3(m / 2), max: round3((m * 3) / 2) };
    case 'normal':
      return { dist: 'normal', mean: round3(m), sd: round3(m / 4) };
    case 'lognormal':
      return { dist: 'lognormal', p50: round3(spread.p50), p99: round3(spread.p99) };
    case 'lognormalMoments': {
      const cv =
        current?.dist === 'lognormal' && known
          ? Math.sqrt(Math.exp((Math.log(known.p99 / known.p50) / Z99) ** 2) - 1)
          : 1;
      return { dist: 'lognormal', mean: round3(m), cv: round3(cv) };
    }
    case 'erlang':
      return { dist: 'erlang', k: 2, mean: round3(m) };
    case 'empirical':
      return {
        dist: 'empirical',
        percentiles: {
          '50': round3(spread.p50),
          '99': round3(spread.p99),
          '100': round3(spread.p99 * 2),
        },
      };
    default: {
      const never: never = form;
      return never;
    }
  }
}
