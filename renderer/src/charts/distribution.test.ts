import { describe, expect, it } from 'vitest';
import { binAt, cdfAt, cdfPoints, histogramBars } from './distribution.ts';

const h = { lowerMs: [1, 2, 4], upperMs: [2, 4, 8], counts: [1, 2, 1] };

describe('histogram and CDF', () => {
  it('gives each bin its share of completions', () => {
    expect(histogramBars(h).map((b) => b.fraction)).toEqual([0.25, 0.5, 0.25]);
    expect(histogramBars({ lowerMs: [], upperMs: [], counts: [] })).toEqual([]);
  });

  it('accumulates to 1 at the last upper edge', () => {
    expect(cdfPoints(h)).toEqual([
      { ms: 1, p: 0 },
      { ms: 2, p: 0.25 },
      { ms: 4, p: 0.75 },
      { ms: 8, p: 1 },
    ]);
    expect(cdfPoints({ lowerMs: [1], upperMs: [2], counts: [0] })).toEqual([]);
  });

  it('finds the bin under the pointer and interpolates the CDF', () => {
    const bars = histogramBars(h);
    expect(binAt(bars, 1)).toBe(0);
    expect(binAt(bars, 3.9)).toBe(1);
    expect(binAt(bars, 8)).toBe(-1);
    const points = cdfPoints(h);
    expect(cdfAt(points, 0.5)).toBe(0);
    expect(cdfAt(points, 3)).toBeCloseTo(0.5);
    expect(cdfAt(points, 100)).toBe(1);
    expect(cdfAt([], 3)).toBeNull();
  });
});
