/**
 * Downsampling for drawing. A long run has thousands of windows but the chart has a few hundred
 * pixels; past `DOWNSAMPLE_ABOVE` points we split the series into equal buckets (the charts use one
 * per 2 px) and keep, per bucket, the point with the smallest and the one with the largest value (in
 * time order), so about one point per pixel is drawn. Unlike every-k-th sampling this never hides
 * a spike: a one-window p99 spike is exactly what a user looks for. Gaps survive too: a bucket with
 * missing values keeps its first missing point, so the line breaks.
 */
export const DOWNSAMPLE_ABOVE = 1500;

/** All indices 0..n-1. */
export function allIndices(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * The indices of `values` to draw: all of them when there are at most `threshold`, else at most
 * 3 per bucket (min, max, first gap) over `buckets` equal slices, plus the last point. Ascending.
 */
export function downsampleIndices(
  values: readonly (number | null)[],
  buckets: number,
  threshold = DOWNSAMPLE_ABOVE,
): number[] {
  const n = values.length;
  if (n <= threshold || buckets <= 0) return allIndices(n);
  const count = Math.max(1, Math.floor(buckets));
  const out: number[] = [];
  for (let b = 0; b < count; b++) {
    const from = Math.floor((b * n) / count);
    const to = Math.floor(((b + 1) * n) / count);
    let minI = -1;
    let maxI = -1;
    let gapI = -1;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (v === null || !Number.isFinite(v)) {
        if (gapI < 0) gapI = i;
        continue;
      }
      if (minI < 0 || v < (values[minI] as number)) minI = i;
      if (maxI < 0 || v > (values[maxI] as number)) maxI = i;
    }
    const picked = [minI, maxI, gapI].filter((i) => i >= 0).sort((a, b) => a - b);
    for (const i of picked) if (out[out.length - 1] !== i) out.push(i);
  }
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}
