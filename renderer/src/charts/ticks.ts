/**
 * Tick values for a log axis. d3's log ticks label every 1..9 multiple, which crowds a 150 px axis;
 * we label 1-2-5 steps when they fit in `maxCount`, else 1-3 steps, else powers of ten (thinned out).
 */
export function logTicks(min: number, max: number, maxCount = 5): number[] {
  if (!(min > 0) || !(max > 0)) return [];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const inside = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const decades: number[] = [];
  for (let e = first; e <= last; e++) decades.push(10 ** e);
  const pick = (steps: readonly number[]) =>
    decades.flatMap((d) => steps.map((s) => round(d * s))).filter(inside);
  // The richest steps that fit; powers of ten alone when even 1-3-10 would crowd the axis.
  let ticks = pick([1]);
  for (const steps of [
    [1, 2, 5],
    [1, 3],
  ]) {
    const candidate = pick(steps);
    if (candidate.length <= maxCount) {
      ticks = candidate;
      break;
    }
  }
  // Too many decades: keep every k-th.
  if (ticks.length > maxCount) {
    const k = Math.ceil(ticks.length / maxCount);
    ticks = ticks.filter((_, i) => i % k === 0);
  }
  return ticks;
}

/** Removes floating-point dust from products like 0.1 × 2. */
function round(v: number): number {
  return Number(v.toPrecision(12));
}
