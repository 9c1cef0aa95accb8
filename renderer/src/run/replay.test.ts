import { describe, expect, it } from 'vitest';
import { advanceReplay, replayStartSec, windowIndexAt } from './replay.ts';

const windows = Array.from({ length: 10 }, (_, i) => ({ startSec: i, endSec: i + 1 }));

describe('replay index math', () => {
  it('finds the window holding a time, clamped to the run', () => {
    expect(windowIndexAt(windows, 0)).toBe(0);
    expect(windowIndexAt(windows, 3.5)).toBe(3);
    expect(windowIndexAt(windows, 4)).toBe(4);
    expect(windowIndexAt(windows, -2)).toBe(0);
    expect(windowIndexAt(windows, 99)).toBe(9);
    expect(windowIndexAt([], 1)).toBe(-1);
  });

  it('advances by speed × wall time and stops at the end', () => {
    expect(advanceReplay(windows, 2, 500, 1)).toEqual({ sec: 2.5, index: 2, ended: false });
    expect(advanceReplay(windows, 2, 500, 10)).toEqual({ sec: 7, index: 7, ended: false });
    expect(advanceReplay(windows, 8, 1000, 10)).toEqual({ sec: 10, index: 9, ended: true });
    expect(advanceReplay(windows, 2, -5, 10).sec).toBe(2);
  });

  it('plays from the replayed window, or from the start when live or at the end', () => {
    expect(replayStartSec(windows, 4)).toBe(4);
    expect(replayStartSec(windows, null)).toBe(0);
    expect(replayStartSec(windows, 9)).toBe(0);
    expect(replayStartSec([], null)).toBe(0);
  });
});
