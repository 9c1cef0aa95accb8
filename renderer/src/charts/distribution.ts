import type { LatencyHistogram } from '../../../sim-core/results/types.ts';

/** One histogram bin with its share of all completions, so runs of different sizes compare. */
export interface HistogramBar {
  lowerMs: number;
  upperMs: number;
  count: number;
  /** count / total, 0..1. */
  fraction: number;
}

export function histogramBars(h: LatencyHistogram): HistogramBar[] {
  const total = h.counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return [];
  return h.counts.map((count, i) => ({
    lowerMs: h.lowerMs[i],
    upperMs: h.upperMs[i],
    count,
    fraction: count / total,
  }));
}

/** A point of the empirical CDF: the share of completions with latency below `ms`. */
export interface CdfPoint {
  ms: number;
  p: number;
}

/**
 * The CDF from a histogram: 0 at the first bin's lower edge, then the cumulative share at each bin's
 * upper edge (latency is only known to within a bin, so the curve is linear between edges).
 * Ends at exactly 1. Empty when the histogram is.
 */
export function cdfPoints(h: LatencyHistogram): CdfPoint[] {
  const total = h.counts.reduce((a, b) => a + b, 0);
  if (total <= 0 || h.counts.length === 0) return [];
  const out: CdfPoint[] = [{ ms: h.lowerMs[0], p: 0 }];
  let cum = 0;
  for (let i = 0; i < h.counts.length; i++) {
    cum += h.counts[i];
    out.push({ ms: h.upperMs[i], p: i === h.counts.length - 1 ? 1 : cum / total });
  }
  return out;
}

/** The bin holding `ms` (lower edge inclusive), or -1. */
export function binAt(bars: readonly HistogramBar[], ms: number): number {
  for (let i = 0; i < bars.length; i++) {
    if (ms >= bars[i].lowerMs && ms < bars[i].upperMs) return i;
  }
  return -1;
}

/** The CDF's value at `ms`, interpolated linearly between edges. */
export function cdfAt(points: readonly CdfPoint[], ms: number): number | null {
  if (points.length === 0) return null;
  if (ms <= points[0].ms) return 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (ms <= b.ms) return b.ms === a.ms ? b.p : a.p + ((b.p - a.p) * (ms - a.ms)) / (b.ms - a.ms);
  }
  return 1;
}
