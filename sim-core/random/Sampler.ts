import type { Distribution } from '../format/distribution.ts';
import type { Prng } from './Prng.ts';

const Kind = {
  constant: 0,
  exponential: 1,
  uniform: 2,
  normal: 3,
  lognormal: 4,
  erlang: 5,
  empirical: 6,
  /** Erlang with many stages: Gamma(k, mean / k) by Marsaglia–Tsang. */
  gamma: 7,
} as const;
type KindCode = (typeof Kind)[keyof typeof Kind];

/** z such that Φ(z) = 0.99. */
export const Z99 = 2.3263478740408408;

/**
 * Erlang stages up to this many are drawn as the product of k uniforms (one log per draw): exact, and
 * the random stream every existing topology was run with. Beyond it that product underflows (at k ≈ 700
 * it reaches 0 and the draw becomes infinite) and costs k draws, so larger k use a gamma sampler.
 */
const ERLANG_PRODUCT_MAX_K = 32;

/**
 * A compiled distribution: one monomorphic class for every kind, so the hot loop's call site stays
 * monomorphic. Draw with `sample(rng)`; the stream is the caller's, so the same sampler can serve
 * several nodes without coupling their randomness.
 */
export class Sampler {
  readonly kind: KindCode;
  /** The distribution's mean, used for planning (sampling factor, docs), never for draws. */
  readonly mean: number;
  private readonly p1: number;
  private readonly p2: number;
  private readonly k: number;
  private readonly xs: Float64Array;
  private readonly ps: Float64Array;

  private constructor(
    kind: KindCode,
    mean: number,
    p1: number,
    p2: number,
    k = 1,
    ps?: Float64Array,
    xs?: Float64Array,
  ) {
    this.kind = kind;
    this.mean = mean;
    this.p1 = p1;
    this.p2 = p2;
    this.k = k;
    this.ps = ps ?? EMPTY;
    this.xs = xs ?? EMPTY;
  }

  static constant(value: number): Sampler {
    return new Sampler(Kind.constant, value, value, 0);
  }

  /** Compiles a validated distribution. */
  static of(d: Distribution): Sampler {
    switch (d.dist) {
      case 'constant':
        return Sampler.constant(d.value);
      case 'exponential':
        return new Sampler(Kind.exponential, d.mean, d.mean, 0);
      case 'uniform':
        return new Sampler(Kind.uniform, (d.min + d.max) / 2, d.min, d.max - d.min);
      case 'normal':
        return new Sampler(Kind.normal, truncatedNormalMean(d.mean, d.sd), d.mean, d.sd);
      case 'lognormal': {
        let mu: number;
        let sigma: number;
        if (d.p50 !== undefined && d.p99 !== undefined) {
          mu = Math.log(d.p50);
          sigma = Math.log(d.p99 / d.p50) / Z99;
        } else {
          const cv = d.cv ?? 1;
          const s2 = Math.log(1 + cv * cv);
          sigma = Math.sqrt(s2);
          mu = Math.log(d.mean ?? 1) - s2 / 2;
        }
        return new Sampler(Kind.lognormal, Math.exp(mu + (sigma * sigma) / 2), mu, sigma);
      }
      case 'erlang':
        return d.k <= ERLANG_PRODUCT_MAX_K
          ? new Sampler(Kind.erlang, d.mean, d.mean / d.k, 0, d.k)
          : new Sampler(Kind.gamma, d.mean, d.mean / d.k, 1 / Math.sqrt(9 * (d.k - 1 / 3)), d.k - 1 / 3);
      case 'empirical': {
        const points = empiricalPoints(d);
        const ps = Float64Array.from(points, (p) => p[0]);
        const xs = Float64Array.from(points, (p) => p[1]);
        let mean = 0;
        for (let i = 1; i < ps.length; i++) mean += ((ps[i] - ps[i - 1]) * (xs[i] + xs[i - 1])) / 2;
        return new Sampler(Kind.empirical, mean, 0, 0, 1, ps, xs);
      }
      default: {
        const never: never = d;
        throw new Error(`unknown distribution ${JSON.stringify(never)}`);
      }
    }
  }

  /** One draw, ≥ 0. */
  sample(rng: Prng): number {
    switch (this.kind) {
      case Kind.constant:
        return this.p1;
      case Kind.exponential:
        // 1 - u is in (0, 1], so the log is finite.
        return -this.p1 * Math.log(1 - rng.next());
      case Kind.uniform:
        return this.p1 + this.p2 * rng.next();
      case Kind.normal: {
        // Truncated at 0 by resampling; after 64 misses (mean far below 0) the draw is 0.
        for (let i = 0; i < 64; i++) {
          const x = this.p1 + this.p2 * gaussian(rng);
          if (x >= 0) return x;
        }
        return 0;
      }
      case Kind.lognormal:
        return Math.exp(this.p1 + this.p2 * gaussian(rng));
      case Kind.erlang: {
        let product = 1;
        for (let i = 0; i < this.k; i++) product *= 1 - rng.next();
        return -this.p1 * Math.log(product);
      }
      case Kind.gamma:
        return this.p1 * marsagliaTsang(rng, this.k, this.p2);
      case Kind.empirical:
        return this.inverseCdf(rng.next());
      default:
        return 0;
    }
  }

  private inverseCdf(u: number): number {
    const ps = this.ps;
    let i = 1;
    while (i < ps.length - 1 && ps[i] < u) i++;
    const p0 = ps[i - 1];
    const span = ps[i] - p0;
    const x0 = this.xs[i - 1];
    return span > 0 ? x0 + ((u - p0) / span) * (this.xs[i] - x0) : this.xs[i];
  }
}

const EMPTY = new Float64Array(0);

/** An empirical distribution's inverse CDF as (probability, value) points from (0, 0) or its first. */
function empiricalPoints(d: Extract<Distribution, { dist: 'empirical' }>): (readonly [number, number])[] {
  const points = Object.entries(d.percentiles)
    .map(([p, v]) => [Number(p) / 100, v] as const)
    .sort((a, b) => a[0] - b[0]);
  if (points[0][0] > 0) points.unshift([0, 0]);
  return points;
}

/**
 * The coefficient of variation (standard deviation over mean) of what `Sampler.of(d)` draws: 0 for a
 * constant, 1 for an exponential, 0 when the mean is 0. For planning (sampling's notices), like `mean`.
 */
export function coefficientOfVariation(d: Distribution): number {
  switch (d.dist) {
    case 'constant':
      return 0;
    case 'exponential':
      return 1;
    case 'uniform':
      return d.max > d.min ? (d.max - d.min) / (Math.sqrt(3) * (d.max + d.min)) : 0;
    case 'normal': {
      // N(m, s²) truncated to [0, ∞): with a = −m/s and λ = φ(a)/(1 − Φ(a)), the mean is m + sλ and the
      // variance s²(1 + aλ − λ²).
      if (d.sd === 0) return 0;
      const a = -d.mean / d.sd;
      const tail = 0.5 * erfc(a / Math.SQRT2);
      if (tail <= 0) return 0;
      const lambda = Math.exp((-a * a) / 2) / Math.sqrt(2 * Math.PI) / tail;
      const mean = d.mean + d.sd * lambda;
      return mean > 0 ? (d.sd * Math.sqrt(Math.max(0, 1 + a * lambda - lambda * lambda))) / mean : 0;
    }
    case 'lognormal': {
      if (d.p50 !== undefined && d.p99 !== undefined) {
        const sigma = Math.log(d.p99 / d.p50) / Z99;
        return Math.sqrt(Math.expm1(sigma * sigma));
      }
      return d.cv ?? 1;
    }
    case 'erlang':
      return 1 / Math.sqrt(d.k);
    case 'empirical': {
      // Between two points the draw is uniform on [x0, x1]: its first moment is (x0 + x1)/2, its
      // second (x0² + x0·x1 + x1²)/3.
      const points = empiricalPoints(d);
      let m1 = 0;
      let m2 = 0;
      for (let i = 1; i < points.length; i++) {
        const span = points[i][0] - points[i - 1][0];
        const x0 = points[i - 1][1];
        const x1 = points[i][1];
        m1 += (span * (x0 + x1)) / 2;
        m2 += (span * (x0 * x0 + x0 * x1 + x1 * x1)) / 3;
      }
      return m1 > 0 ? Math.sqrt(Math.max(0, m2 - m1 * m1)) / m1 : 0;
    }
    default: {
      const never: never = d;
      throw new Error(`unknown distribution ${JSON.stringify(never)}`);
    }
  }
}

/** A standard normal draw (Box–Muller, one of the pair; no cached spare, so draws stay per-stream). */
function gaussian(rng: Prng): number {
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * A Gamma(d + 1/3, 1) draw for shape ≥ 1 (G. Marsaglia and W. W. Tsang, "A simple method for
 * generating gamma variables", ACM TOMS 26(3), 2000): d = shape − 1/3, c = 1/√(9d). Exact, O(1) per draw
 * whatever the shape (acceptance above 95 %), and finite: the result is d·v with v = (1 + c·x)³ > 0.
 */
function marsagliaTsang(rng: Prng, d: number, c: number): number {
  for (;;) {
    const x = gaussian(rng);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - rng.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Mean of N(m, s²) truncated to [0, ∞). */
function truncatedNormalMean(m: number, s: number): number {
  if (s === 0) return Math.max(0, m);
  const a = -m / s;
  const pdf = Math.exp((-a * a) / 2) / Math.sqrt(2 * Math.PI);
  const tail = 0.5 * erfc(a / Math.SQRT2);
  return tail > 0 ? m + (s * pdf) / tail : 0;
}

/** Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
