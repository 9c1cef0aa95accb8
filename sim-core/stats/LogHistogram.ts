/**
 * A mergeable log-linear histogram of non-negative values (HDR-style): each power of two (an octave)
 * is split into 64 equal buckets, so a bucket is at most 1/64 of its lower bound wide and a quantile
 * read at the bucket's midpoint is within 0.78% of the exact sample quantile. Covers 2^-20 … 2^30
 * (about 1 ns to 12 days in ms); smaller values count as 0, larger ones land in the top bucket (max
 * stays exact).
 *
 * Memory follows what is recorded: an octave's 64 counters are allocated when a value first falls in
 * it (128 bytes), so an idle histogram costs a few dozen bytes and a busy one a few kilobytes — a
 * topology of thousands of nodes and edges keeps thousands of them.
 *
 * NOTE: the bucket index comes straight from the IEEE-754 bits (exponent and top 6 mantissa bits), with
 * no Math.log: recording is a few integer operations, since every completed request records here
 * several times. The counters of all allocated octaves sit in one Uint16Array, after a table of where
 * each octave's counters start, in the same array: recording and scans touch typed arrays of fixed
 * types (a list of per-octave arrays of three counter widths made every counter access polymorphic),
 * and a record reaches its counter through one array, not two (in an estate of thousands of scopes,
 * each array is a cache miss of its own). The many scopes that see a few thousand requests cost 128
 * bytes per octave; a counter that wraps carries 2^16 into a float64 beside it (allocated for the
 * histogram on its first wrap), so counts stay exact.
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

/** What a 16-bit counter carries into its float64 when it wraps. */
const WRAP = 0x10000;
/** Where the counters start in `counts`: after the table of octaves. */
const TABLE = OCTAVES;
/** The counts of a histogram that has seen no positive value (no octave allocated): shared, never written. */
const NO_COUNTS = new Uint16Array(TABLE);
const NO_CARRIES = new Float64Array(0);

export class LogHistogram {
  /** Values that counted as 0. */
  zeros = 0;
  count = 0;
  sum = 0;
  max = 0;
  /**
   * First, per octave, where its 64 counters start in this same array (0 while the octave is empty);
   * then the allocated octaves' counters, 64 each, in the order the octaves were first reached.
   */
  private counts = NO_COUNTS;
  /** Laid out as `counts`: how many times each counter wrapped; empty until one has. */
  private carries = NO_CARRIES;
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
    let offset = this.counts[i >> SUB_BITS];
    if (offset === 0) offset = this.allocate(i >> SUB_BITS);
    const at = offset + (i & (SUBS - 1));
    // `++` evaluates to the sum before the store wraps it: 2^16 once the counter has wrapped to 0.
    if (++this.counts[at] === WRAP) this.carriesFor()[at]++;
    if (b < this.lo) this.lo = b;
    if (b > this.hi) this.hi = b;
    return b;
  }

  /** Samples in bucket `b`. */
  countAt(b: number): number {
    if (b === ZERO_BUCKET) return this.zeros;
    return this.at((b - 1) >> SUB_BITS, (b - 1) & (SUBS - 1));
  }

  /** The count of counter `s` of octave `o`, carries included. */
  private at(o: number, s: number): number {
    const offset = this.counts[o];
    if (offset === 0) return 0;
    const n = this.counts[offset + s];
    return this.carries.length === 0 ? n : n + this.carries[offset + s] * WRAP;
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
    return (this.counts.length - TABLE) / SUBS;
  }

  mean(): number | null {
    return this.count > 0 ? this.sum / this.count : null;
  }

  /** The q-quantile (0 ≤ q ≤ 1), or null when empty. Clamped to the exact max. */
  quantile(q: number): number | null {
    // An idle scope's waits and lags are asked for at every window: no arrays for an empty answer.
    if (this.count === 0) return null;
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
    const counts = this.counts;
    const plain = this.carries.length === 0;
    for (const q of qs) {
      const rank = Math.max(1, Math.ceil(q * this.count));
      if (this.zeros >= rank) {
        out.push(0);
        continue;
      }
      let found = -1;
      while (o <= lastOctave) {
        const offset = counts[o];
        if (offset > 0) {
          // Counters read straight from the array unless one has wrapped (a window never needs that).
          if (plain) while (s < SUBS && seen + counts[offset + s] < rank) seen += counts[offset + s++];
          else while (s < SUBS && seen + this.at(o, s) < rank) seen += this.at(o, s++);
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
      const plain = other.carries.length === 0;
      for (let o = (other.lo - 1) >> SUB_BITS; o <= (other.hi - 1) >> SUB_BITS; o++) {
        const from = other.counts[o];
        if (from === 0) continue;
        const offset = this.counts[o] > 0 ? this.counts[o] : this.allocate(o);
        if (plain) {
          this.addOctave(other.counts, from, offset);
          continue;
        }
        for (let s = 0; s < SUBS; s++) {
          const n = other.at(o, s);
          if (n === 0) continue;
          const sum = this.at(o, s) + n;
          this.counts[offset + s] = sum % WRAP;
          if (sum >= WRAP || this.carries.length > 0) this.carriesFor()[offset + s] = Math.floor(sum / WRAP);
        }
      }
      if (other.lo < this.lo) this.lo = other.lo;
      if (other.hi > this.hi) this.hi = other.hi;
    }
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  /**
   * Adds 64 counters that never wrapped (`from[start…]`) to this histogram's octave at `offset`, in
   * integer steps: what a window's merge into its run total does, once per window and scope.
   */
  private addOctave(from: Uint16Array, start: number, offset: number): void {
    const counts = this.counts;
    for (let s = 0; s < SUBS; s++) {
      const n = from[start + s];
      if (n === 0) continue;
      const sum = counts[offset + s] + n;
      if (sum < WRAP) counts[offset + s] = sum;
      else {
        counts[offset + s] = sum - WRAP;
        this.carriesFor()[offset + s]++;
      }
    }
  }

  /** Empties the histogram, keeping the octaves it has allocated (they are likely to fill again). */
  reset(): void {
    // Nothing recorded or merged since the last reset (every idle scope at every window): all clear.
    if (this.count === 0) return;
    this.counts.fill(0, TABLE);
    this.carries.fill(0);
    this.lo = BUCKETS;
    this.hi = -1;
    this.zeros = 0;
    this.count = 0;
    this.sum = 0;
    this.max = 0;
  }

  /** Gives octave `o` its 64 counters at the end of `counts`; returns where they start. */
  private allocate(o: number): number {
    const offset = this.counts.length;
    this.counts = grownTo(this.counts, new Uint16Array(offset + SUBS));
    if (this.carries.length > 0) this.carries = grownTo(this.carries, new Float64Array(offset + SUBS));
    this.counts[o] = offset;
    return offset;
  }

  /** The carries, allocated on the first wrap. */
  private carriesFor(): Float64Array {
    if (this.carries.length === 0) this.carries = new Float64Array(this.counts.length);
    return this.carries;
  }
}

/** `to` (longer) holding `from`'s values at the front. */
function grownTo<T extends Uint16Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
