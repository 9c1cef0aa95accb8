import { describe, expect, it } from 'vitest';
import { allIndices, downsampleIndices } from './downsample.ts';

describe('downsampleIndices', () => {
  it('keeps every point below the threshold', () => {
    expect(downsampleIndices([1, 2, 3], 2, 10)).toEqual([0, 1, 2]);
  });

  it('keeps the min and max of each bucket, in order, so spikes survive', () => {
    const values = [5, 1, 9, 5, 5, 5, 5, 100, 5, 5];
    // 2 buckets of 5: [5,1,9,5,5] -> min@1 max@2; [5,5,100,5,5] -> min@5 max@7; plus the last.
    expect(downsampleIndices(values, 2, 4)).toEqual([1, 2, 5, 7, 9]);
  });

  it('keeps a gap per bucket so the line breaks', () => {
    const values = [1, null, 3, 4, 5, 6];
    expect(downsampleIndices(values, 2, 4)).toEqual([0, 1, 2, 3, 5]);
  });

  it('caps the output at about three points per bucket', () => {
    const values = Array.from({ length: 5000 }, (_, i) => Math.sin(i / 7) * 100 + (i % 13));
    const idx = downsampleIndices(values, 600);
    expect(idx.length).toBeLessThanOrEqual(2 * 600 + 1);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(4999);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
    expect(Math.max(...idx.map((i) => values[i]))).toBe(Math.max(...values));
    expect(Math.min(...idx.map((i) => values[i]))).toBe(Math.min(...values));
  });

  it('lists all indices', () => {
    expect(allIndices(3)).toEqual([0, 1, 2]);
  });
});
