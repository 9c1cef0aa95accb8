/**
 * A mergeable log-linear histogram of non-negative values (HDR-style): each power of two is split into
 * 128 equal buckets, so a bucket is at most 1/128 of its lower bound wide and a quantile read at the
 * bucket's midpoint is within 0.4% of the exact sample quantile. Covers 2^-20 … 2^30 (about 1 ns to
 * 12 days in ms); smaller values count as 0, larger ones land in the top bucket (max stays exact).
 *
 * NOTE: the bucket index comes straight from the IEEE-754 bits (exponent and top 7 mantissa bits), with
 * no Math.log: recording is a few integer operations, since every completed request records here
 * several times.
 */
const SUB_BITS = 7;
const SUBS = 1 << SUB_BITS;
const MIN_EXP = -20;
const MAX_EXP = 30;
const BUCKETS = (MAX_EXP - MIN_EXP) * SUBS + 1;
const ZERO_BUCKET = 0;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Index of the high 32-bit word of a float64 (platform endianness). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

export function bucketOf(value: number): number {
  if (!(value >= 2 ** MIN_EXP)) return ZERO_BUCKET;
  bits[0] = value;
  const hi = words[HI];
  const index =
    ((((hi >>> 20) & 0x7ff) - 1023 - MIN_EXP) << SUB_BITS) + ((hi >>> (20 - SUB_BITS)) & (SUBS - 1)) + 1;
  return index < BUCKETS ? index : BUCKETS - 1;
}

/** The lower bound of bucket `index` (0 for the zero bucket). */
export function bucketLowerBound(index: number): number {
  if (index === ZERO_BUCKET) return 0;
  const i = index - 1;
  return 2 ** ((i >> SUB_BITS) + MIN_EXP) * (1 + (i & (SUBS - 1)) / SUBS);
}

/** The midpoint of bucket `index`. */
export function bucketMidpoint(index: number): number {
  if (index === ZERO_BUCKET) return 0;
  const i = index - 1;
  const exponent = (i >> SUB_BITS) + MIN_EXP;
  const sub = i & (SUBS - 1);
  return 2 ** exponent * (1 + (sub + 0.5) / SUBS);
}

export class LogHistogram {
  readonly counts = new Float64Array(BUCKETS);
  count = 0;
  sum = 0;
  max = 0;
  /** Lowest and highest bucket touched since the last reset: bounds every scan. */
  private lo = BUCKETS;
  private hi = -1;

  /** Records one value; returns its bucket, for callers that bucket the same value again. */
  record(value: number): number {
    const b = bucketOf(value);
    this.counts[b]++;
    // The zero bucket stays out of [lo, hi]: zero waits are common and would stretch every scan.
    if (b !== ZERO_BUCKET) {
      if (b < this.lo) this.lo = b;
      if (b > this.hi) this.hi = b;
    }
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
    return b;
  }

  mean(): number | null {
    return this.count > 0 ? this.sum / this.count : null;
  }

  /** The q-quantile (0 ≤ q ≤ 1), or null when empty. Clamped to the exact max. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = this.counts[ZERO_BUCKET];
    if (seen >= rank) return 0;
    for (let b = this.lo; b <= this.hi; b++) {
      seen += this.counts[b];
      if (seen >= rank) return Math.min(bucketMidpoint(b), this.max);
    }
    return this.max;
  }

  /** Several quantiles (ascending `qs`) in one pass over the buckets. */
  quantiles(qs: readonly number[]): (number | null)[] {
    if (this.count === 0) return qs.map(() => null);
    const out: (number | null)[] = [];
    const zeros = this.counts[ZERO_BUCKET];
    let seen = zeros;
    let b = this.lo;
    for (const q of qs) {
      const rank = Math.max(1, Math.ceil(q * this.count));
      if (zeros >= rank) {
        out.push(0);
        continue;
      }
      while (b <= this.hi && seen + this.counts[b] < rank) seen += this.counts[b++];
      out.push(b <= this.hi ? Math.min(bucketMidpoint(b), this.max) : this.max);
    }
    return out;
  }

  /** Adds `other`'s samples into this one. */
  merge(other: LogHistogram): void {
    if (other.count === 0) return;
    this.counts[ZERO_BUCKET] += other.counts[ZERO_BUCKET];
    for (let b = other.lo; b <= other.hi; b++) this.counts[b] += other.counts[b];
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  reset(): void {
    this.counts[ZERO_BUCKET] = 0;
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.lo = BUCKETS;
    this.hi = -1;
    this.count = 0;
    this.sum = 0;
    this.max = 0;
  }
}
