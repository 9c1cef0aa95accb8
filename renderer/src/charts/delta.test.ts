import { describe, expect, it } from 'vitest';
import { deltaRows, errorShare } from './delta.ts';
import { row } from './testWindows.ts';

const lat = (mean: number, p50: number, p99: number, p999: number) => ({
  mean,
  p50,
  p90: p50,
  p99,
  p999,
  max: p999,
});

describe('deltaRows', () => {
  it('counts errors against finished requests only', () => {
    expect(errorShare(row({ completions: 90, inFlight: 500 }, { timeout: 10 }))).toBeCloseTo(0.1);
    expect(errorShare(row())).toBeNull();
  });

  it('compares pinned with current and judges the direction', () => {
    const pinned = row({ throughputRps: 200, completions: 100, latencyMs: lat(10, 8, 40, 80) });
    const current = row(
      { throughputRps: 150, completions: 90, latencyMs: lat(10.05, 6, 80, 80) },
      { deadInstance: 10 },
    );
    const rows = Object.fromEntries(deltaRows(pinned, current).map((r) => [r.metric, r]));
    expect(rows.throughput).toMatchObject({ pinned: 200, current: 150, delta: -50, deltaPct: -25 });
    expect(rows.throughput.verdict).toBe('worse');
    expect(rows.errorShare).toMatchObject({ pinned: 0, current: 0.1, deltaPct: null, verdict: 'worse' });
    expect(rows.mean.verdict).toBe('same');
    expect(rows.p50).toMatchObject({ delta: -2, deltaPct: -25, verdict: 'better' });
    expect(rows.p99).toMatchObject({ delta: 40, deltaPct: 100, verdict: 'worse' });
    expect(rows.p999.verdict).toBe('same');
  });

  it('leaves missing values missing', () => {
    const rows = deltaRows(row(), row());
    expect(rows.find((r) => r.metric === 'p99')).toMatchObject({
      pinned: null,
      current: null,
      delta: null,
      deltaPct: null,
      verdict: null,
    });
    expect(rows.find((r) => r.metric === 'throughput')?.verdict).toBe('same');
  });
});
