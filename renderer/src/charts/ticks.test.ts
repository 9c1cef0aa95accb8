import { describe, expect, it } from 'vitest';
import { logTicks } from './ticks.ts';

describe('logTicks', () => {
  it('labels powers of ten across several decades', () => {
    expect(logTicks(0.5, 5000)).toEqual([1, 10, 100, 1000]);
  });

  it('adds 2x and 5x steps within a narrow domain', () => {
    expect(logTicks(3, 60)).toEqual([5, 10, 20, 50]);
  });

  it('uses 1-2-5 steps whenever they fit', () => {
    expect(logTicks(0.7, 150, 12)).toEqual([1, 2, 5, 10, 20, 50, 100]);
  });

  it('thins out a very wide domain', () => {
    const ticks = logTicks(0.001, 1e6, 5);
    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks[0]).toBe(0.001);
  });

  it('is empty for a non-positive domain', () => {
    expect(logTicks(0, 10)).toEqual([]);
  });
});
