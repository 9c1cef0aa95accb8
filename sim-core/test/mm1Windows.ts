import { streamFor } from '../random/Prng.ts';

/*
 * A fast M/M/1 queue for coverage tests: Lindley's recursion (μ = 1 per ms), each sojourn recorded in
 * the window where it ends, as the engine records it. Coverage needs thousands of runs of 60–200 one-
 * second windows at 1 ms of work (about a billion customers), so this file is written for speed.
 * NOTE: the sfc32 state lives in a module-level Int32Array, and exponentials come from Marsaglia and
 * Tsang's ziggurat ("The ziggurat method for generating random variables", J. Statistical Software,
 * 2000): one 32-bit draw, a table look-up and a multiply 99 times in 100. With a closure per stream
 * and −log(u), a customer cost 3–4 times as much. A single FIFO server's departures come in order, so
 * the window index only moves forward.
 */

const ZIG_R = 7.697117470131487;
const ZIG_V = 3.949659822581572e-3;
const TWO32 = 4294967296;
const ke = new Uint32Array(256);
const we = new Float64Array(256);
const fe = new Float64Array(256);
{
  let de = ZIG_R;
  let te = de;
  const q = ZIG_V / Math.exp(-de);
  ke[0] = Math.floor((de / q) * TWO32);
  ke[1] = 0;
  we[0] = q / TWO32;
  we[255] = de / TWO32;
  fe[0] = 1;
  fe[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(ZIG_V / de + Math.exp(-de));
    ke[i + 1] = Math.floor((de / te) * TWO32);
    te = de;
    fe[i] = Math.exp(-de);
    we[i] = de / TWO32;
  }
}

const state = new Int32Array(4);

/** sfc32, as Prng.ts, on the module's state. */
function u32(): number {
  const a = state[0];
  const b = state[1];
  const c = state[2];
  const t = (((a + b) | 0) + state[3]) | 0;
  state[3] = (state[3] + 1) | 0;
  state[0] = b ^ (b >>> 9);
  state[1] = (c + (c << 3)) | 0;
  state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return t >>> 0;
}

const uniform = () => (u32() + 0.5) / TWO32;

/** An exponential variate of mean 1 (ziggurat). */
export function exponential(): number {
  let jz = u32();
  let iz = jz & 255;
  if (jz < ke[iz]) return jz * we[iz];
  for (;;) {
    if (iz === 0) return ZIG_R - Math.log(uniform());
    const x = jz * we[iz];
    if (fe[iz] + uniform() * (fe[iz - 1] - fe[iz]) < Math.exp(-x)) return x;
    jz = u32();
    iz = jz & 255;
    if (jz < ke[iz]) return jz * we[iz];
  }
}

/** Seeds the module's stream from the engine's own stream derivation. */
export function seedExponential(seed: number, name: string): void {
  const rng = streamFor(seed, name);
  for (let i = 0; i < 4; i++) state[i] = rng.nextUint32() | 0;
}

/**
 * Fills `counts` and `sums` (one entry per window of `windowMs`) with the completions and the sum of
 * sojourns of an M/M/1 queue at load `rho`, started empty or in its stationary state (a geometric number
 * in system, each with exponential work left; their own sojourns are not recorded).
 */
export function mm1Windows(
  rho: number,
  seed: number,
  start: 'empty' | 'stationary',
  windowMs: number,
  counts: Float64Array,
  sums: Float64Array,
): void {
  seedExponential(seed, `coverage:mm1:${start}`);
  const windows = counts.length;
  const meanGap = 1 / rho;
  let free = 0;
  if (start === 'stationary') while (uniform() < rho) free += exponential();
  let w = 0;
  let edge = windowMs;
  let n = 0;
  let sum = 0;
  for (let t = exponential() * meanGap; ; t += exponential() * meanGap) {
    free = Math.max(t, free) + exponential();
    while (free >= edge) {
      counts[w] = n;
      sums[w] = sum;
      n = 0;
      sum = 0;
      if (++w === windows) return;
      edge = (w + 1) * windowMs;
    }
    n++;
    sum += free - t;
  }
}
