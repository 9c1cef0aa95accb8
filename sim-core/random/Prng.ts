/**
 * A small, fast, seedable pseudo-random stream (sfc32: Chris Doty-Humphrey's Small Fast Counting
 * generator, 128-bit state, passes PractRand to 2^40+ bytes). Every random draw in the engine comes
 * from one of these, never from the global random function, so a run is a pure function of (topology, seed).
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // Discard the first outputs: sfc32 mixes its state over its first dozen steps.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform integer in [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform double in [0, 1) with 32 random bits. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** 32-bit FNV-1a hash of a string: a stable stream name → number. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32 finaliser: spreads nearby inputs over the whole 32-bit range. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The stream named `name` under `seed`. Streams are keyed by name (a node or edge id and a purpose),
 * so adding an unrelated node leaves every other stream's draws unchanged: A/B runs of two designs
 * differ by the design, not by reshuffled randomness.
 */
export function streamFor(seed: number, name: string): Prng {
  const h = hashString(name);
  const s0 = mix32(seed ^ h);
  const s1 = mix32(s0 ^ 0x6a09e667);
  const s2 = mix32(s1 ^ (seed >>> 0));
  const s3 = mix32(s2 ^ h ^ 0xbb67ae85);
  return new Prng(s0, s1, s2, s3);
}
