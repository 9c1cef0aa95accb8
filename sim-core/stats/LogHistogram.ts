/**
 * A mergeable log-linear histogram of non-negative values (HDR-style): each power of two (an octave)
 * is split into 64 equal buckets, so a bucket is at most 1/64 of its lower bound wide and a quantile
 * read at the bucket's midpoint is within 0.78% of the exact sample quantile. Covers 2^-20 … 2^30
 * (about 1 ns to 12 days in ms); smaller values count as 0, larger ones land in the top bucket (max
 * stays exact).
 *
 * Memory follows what is recorded: an octave's 64 counters are allocated when a value first falls in
 * it (256 bytes), so an idle histogram costs a few dozen bytes and a busy one a few kilobytes — a
 * topology of thousands of nodes and edges keeps thousands of them.
 *
 * NOTE: the bucket index comes straight from the IEEE-754 bits (exponent and top 6 mantissa bits), with
 * no Math.log: recording is a few integer operations, since every completed request records here
 * several times. Counters start at 16 bits; one that would wrap moves its octave to 32 bits, then to
 * 64-bit floats, so the many scopes that see a few thousand requests cost 128 bytes per octave.
 */
const SUB_BITS = 6;
const SUBS = 1 << SUB_BITS;
const MIN_EXP = -20;
const MAX_EXP = 30;
const OCTAVES = MAX_EXP - MIN_EXP;
/** Bucket 0 holds zeros; buckets 1 … OCTAVES × SUBS the positive values. */
export const BUCKETS = OCTAVES * SUBS + 1;
const ZERO_BUCKET = 0;
/** Values below this count as 0. NOTE: precomputed: `2 ** MIN_EXP` in the hot path is a slow pow call. */
const SMALLEST = 2 ** MIN_EXP;
/** Fine buckets per coarse chart bin: 4 of 64 per octave, bins about 4.4% wide (16 per octave). */
export const BIN_BUCKETS = 4;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Index of the high 32-bit word of a float64 (platform endianness). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

export function bucketOf(value: number): number {
  if (!(value >= SMALLEST)) return ZERO_BUCKET;
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
  return 2 ** ((i >> SUB_BITS) + MIN_EXP) * (1 + ((i & (SUBS - 1)) + 0.5) / SUBS);
}

type Counters = Uint16Array | Uint32Array | Float64Array;
/** The octave list of a histogram that has seen no positive value: shared, never written. */
const NO_OCTAVES: (Counters | undefined)[] = [];

export class LogHistogram {
  /** Values that counted as 0. */
  zeros = 0;
  count = 0;
  sum = 0;
  max = 0;
  /** Per octave, its 64 counters, or undefined while the octave is empty (the list itself is made on the first positive value). */
  private octaves: (Counters | undefined)[] = NO_OCTAVES;
  /** Lowest and highest positive bucket touched since the last reset: bounds every scan. */
  private lo = BUCKETS;
  private hi = -1;

  /** Records one value; returns its bucket, for callers that bucket the same value again. */
  record(value: number): number {
    const b = bucketOf(value);
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
    // The zero bucket stays out of [lo, hi]: zero waits are common and would stretch every scan.
    if (b === ZERO_BUCKET) {
      this.zeros++;
      return b;
    }
    const i = b - 1;
    const o = i >> SUB_BITS;
    const counters = this.octaves[o] ?? this.allocate(o);
    const k = i & (SUBS - 1);
    // Read back what was stored: `++counters[k]` evaluates to the unwrapped sum, never to 0.
    counters[k]++;
    if (counters[k] === 0) this.widen(o, k);
    if (b < this.lo) this.lo = b;
    if (b > this.hi) this.hi = b;
    return b;
  }

  /** Samples in bucket `b`. */
  countAt(b: number): number {
    if (b === ZERO_BUCKET) return this.zeros;
    const counters = this.octaves[(b - 1) >> SUB_BITS];
    return counters === undefined ? 0 : counters[(b - 1) & (SUBS - 1)];
  }

  /** Lowest and highest positive bucket holding samples (an empty range when there are none). */
  get lowest(): number {
    return this.lo;
  }

  get highest(): number {
    return this.hi;
  }

  /** Octaves holding counters (each 64 of them): what the histogram costs in memory. */
  allocatedOctaves(): number {
    let n = 0;
    for (let o = 0; o < OCTAVES; o++) if (this.octaves[o] !== undefined) n++;
    return n;
  }

  mean(): number | null {
    return this.count > 0 ? this.sum / this.count : null;
  }

  /** The q-quantile (0 ≤ q ≤ 1), or null when empty. Clamped to the exact max. */
  quantile(q: number): number | null {
    return this.quantiles([q])[0];
  }

  /** Several quantiles (ascending `qs`) in one pass over the buckets, octave by octave. */
  quantiles(qs: readonly number[]): (number | null)[] {
    if (this.count === 0) return qs.map(() => null);
    const out: (number | null)[] = [];
    let seen = this.zeros;
    // The bucket being scanned: (octave o, counter s); empty octaves are skipped whole.
    let o = (this.lo - 1) >> SUB_BITS;
    let s = (this.lo - 1) & (SUBS - 1);
    const lastOctave = (this.hi - 1) >> SUB_BITS;
    for (const q of qs) {
      const rank = Math.max(1, Math.ceil(q * this.count));
      if (this.zeros >= rank) {
        out.push(0);
        continue;
      }
      let found = -1;
      while (o <= lastOctave) {
        const counters = this.octaves[o];
        if (counters !== undefined) {
          while (s < SUBS && seen + counters[s] < rank) seen += counters[s++];
          if (s < SUBS) {
            found = 1 + (o << SUB_BITS) + s;
            break;
          }
        }
        o++;
        s = 0;
      }
      out.push(found > 0 && found <= this.hi ? Math.min(bucketMidpoint(found), this.max) : this.max);
    }
    return out;
  }

  /** Adds `other`'s samples into this one. */
  merge(other: LogHistogram): void {
    if (other.count === 0) return;
    this.zeros += other.zeros;
    if (other.hi >= other.lo) {
      for (let o = (other.lo - 1) >> SUB_BITS; o <= (other.hi - 1) >> SUB_BITS; o++) {
        const from = other.octaves[o];
        if (from === undefined) continue;
        let to = this.octaves[o] ?? this.allocate(o);
        for (let s = 0; s < SUBS; s++) {
          const n = from[s];
          if (n === 0) continue;
          const sum = to[s] + n;
          while (sum > largest(to)) to = this.widen(o, -1);
          to[s] = sum;
        }
      }
      if (other.lo < this.lo) this.lo = other.lo;
      if (other.hi > this.hi) this.hi = other.hi;
    }
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  /** Empties the histogram, keeping the octaves it has allocated (they are likely to fill again). */
  reset(): void {
    if (this.hi >= this.lo) {
      for (let o = (this.lo - 1) >> SUB_BITS; o <= (this.hi - 1) >> SUB_BITS; o++) this.octaves[o]?.fill(0);
    }
    this.lo = BUCKETS;
    this.hi = -1;
    this.zeros = 0;
    this.count = 0;
    this.sum = 0;
    this.max = 0;
  }

  private allocate(o: number): Counters {
    if (this.octaves === NO_OCTAVES) this.octaves = new Array(OCTAVES);
    const counters = new Uint16Array(SUBS);
    this.octaves[o] = counters;
    return counters;
  }

  /**
   * A counter of octave `o` wrapped (at `wrapped`, or -1 for none yet): the octave moves to the next
   * wider counters (16 → 32 bits → 64-bit floats), the wrapped one holding its true count.
   */
  private widen(o: number, wrapped: number): Counters {
    const from = this.octaves[o] as Counters;
    const wide = from instanceof Uint16Array ? Uint32Array.from(from) : Float64Array.from(from);
    if (wrapped >= 0) wide[wrapped] = largest(from) + 1;
    this.octaves[o] = wide;
    return wide;
  }
}

/** The largest count `counters` can hold. */
function largest(counters: Counters): number {
  return counters instanceof Uint16Array
    ? 0xffff
    : counters instanceof Uint32Array
      ? 0xffffffff
      : Number.POSITIVE_INFINITY;
}
