import { describe, expect, it } from 'vitest';
import {
  extent,
  latencySeries,
  nearestIndex,
  resolveScope,
  scopeSeries,
  stackLayers,
  throughputSeries,
  timeExtentSec,
  windowTimes,
} from './series.ts';
import { row, win } from './testWindows.ts';

const lat = (p50: number | null, p99: number | null) => ({
  mean: p50,
  p50,
  p90: p50,
  p99,
  p999: p99,
  max: p99,
});

describe('series from windows', () => {
  it('draws each window at its middle', () => {
    expect(windowTimes([win(0, row()), win(1, row())])).toEqual([0.5, 1.5]);
    expect(windowTimes([win(3, row(), {}, 2)])).toEqual([7]);
  });

  it('keeps missing latency as null so the line breaks', () => {
    const s = latencySeries([win(0, row({ latencyMs: lat(5, 40) })), win(1, row())]);
    expect(s.p50).toEqual([5, null]);
    expect(s.p99).toEqual([40, null]);
  });

  it('turns error counts into rates and lists only reasons that occurred', () => {
    const windows = [
      win(0, row({ throughputRps: 100 }, { timeout: 4 }), {}, 2),
      win(1, row({ throughputRps: 90 }, { timeout: 2, deadInstance: 10 }), {}, 2),
    ];
    const s = throughputSeries(windows);
    expect(s.okRps).toEqual([100, 90]);
    expect(s.errorRps.timeout).toEqual([2, 1]);
    expect(s.errorRps.deadInstance).toEqual([0, 5]);
    expect(s.errorTotalRps).toEqual([2, 6]);
    expect(s.reasons).toEqual(['timeout', 'deadInstance']);
  });

  it('stacks layers cumulatively', () => {
    expect(
      stackLayers([
        [1, 2],
        [3, 4],
        [0, 1],
      ]),
    ).toEqual([
      { y0: [0, 0], y1: [1, 2] },
      { y0: [1, 2], y1: [4, 6] },
      { y0: [4, 6], y1: [4, 7] },
    ]);
    expect(stackLayers([])).toEqual([]);
  });

  it('extracts only the metrics a node measured', () => {
    const svc = row({ throughputRps: 50, utilization: 0.5, queueLengthMean: 2, latencyMs: lat(3, 9) });
    const windows = [win(0, row(), { nodes: { s: svc } }), win(1, row(), { nodes: {} })];
    const s = scopeSeries(windows, { kind: 'node', id: 's' });
    expect(s.map((m) => m.key)).toEqual(['rps', 'mean', 'p99', 'utilization', 'queueLength', 'errorsRps']);
    expect(s[0].values).toEqual([50, null]);
    expect(s[3].values).toEqual([0.5, null]);
    expect(scopeSeries(windows, { kind: 'edge', id: 's' })).toEqual([]);
  });

  it('finds the nearest window', () => {
    const times = [0.5, 1.5, 2.5];
    expect(nearestIndex(times, -3)).toBe(0);
    expect(nearestIndex(times, 1.4)).toBe(1);
    expect(nearestIndex(times, 2.0)).toBe(1);
    expect(nearestIndex(times, 2.1)).toBe(2);
    expect(nearestIndex(times, 99)).toBe(2);
    expect(nearestIndex([], 1)).toBe(-1);
  });

  it('spans the scenario, or the longer run when it is longer', () => {
    expect(timeExtentSec(120, [win(0, row())])).toBe(120);
    expect(timeExtentSec(0, [win(0, row())], [win(0, row()), win(1, row())])).toBe(2);
    expect(timeExtentSec(0)).toBe(1);
  });

  it('takes the extent of several series, optionally positive only', () => {
    expect(extent([[3, null, 1], [7]])).toEqual({ min: 1, max: 7 });
    expect(extent([[0, 2]], true)).toEqual({ min: 2, max: 2 });
    expect(extent([[null]])).toBeNull();
  });
});

describe('resolveScope', () => {
  it('takes the first selected id the results know', () => {
    const nodes = { svc: {} };
    const edges = { e1: {} };
    expect(resolveScope(['region:r', 'e1', 'svc'], nodes, edges)).toEqual({ kind: 'edge', id: 'e1' });
    expect(resolveScope(['svc'], nodes, edges)).toEqual({ kind: 'node', id: 'svc' });
    expect(resolveScope(['nope'], nodes, edges)).toBeNull();
  });
});
