import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketLowerBound, bucketMidpoint, bucketOf, LogHistogram } from './LogHistogram.ts';

/** The exact sample quantile with the same rank convention (the ceil(q·n)-th smallest). */
function exact(sorted: number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

describe('LogHistogram', () => {
  it('reads every quantile within 0.79% of the exact sample quantile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-5, max: 1e8, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(0.5, 0.9, 0.99, 0.999),
        (values, q) => {
          const h = new LogHistogram();
          for (const v of values) h.record(v);
          const truth = exact(
            [...values].sort((a, b) => a - b),
            q,
          );
          const got = h.quantile(q)!;
          expect(Math.abs(got - truth) / truth).toBeLessThanOrEqual(1 / 128 + 1e-12);
          expect(h.quantiles([q])[0]).toBe(got);
        },
      ),
    );
  });

  it('counts zeros exactly and keeps them out of positive quantiles', () => {
    const h = new LogHistogram();
    for (let i = 0; i < 60; i++) h.record(0);
    for (let i = 1; i <= 40; i++) h.record(i);
    expect(h.quantile(0.5)).toBe(0);
    expect(h.quantile(0.6)).toBe(0);
    expect(h.quantile(0.61)).toBeCloseTo(1, 1);
    expect(h.quantile(1)).toBe(40);
    expect(h.mean()).toBeCloseTo((40 * 41) / 2 / 100, 12);
  });

  it('merges into the same counts as recording everything in one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true })),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true })),
        (a, b) => {
          const one = new LogHistogram();
          const left = new LogHistogram();
          const right = new LogHistogram();
          for (const v of a) {
            one.record(v);
            left.record(v);
          }
          for (const v of b) {
            one.record(v);
            right.record(v);
          }
          left.merge(right);
          expect(left.count).toBe(one.count);
          expect(left.quantiles([0.5, 0.9, 0.99])).toEqual(one.quantiles([0.5, 0.9, 0.99]));
          expect(left.max).toBe(one.max);
        },
      ),
    );
  });

  it('folds windows into a total as recording everything in one would, counters past 2¹⁶ included', () => {
    // What the recorder does: each window records, merges into the run total and is reset. A few
    // distinct values with large multiplicities make counters wrap in the windows, in the total, or
    // only when the two are added.
    const window = fc.array(
      fc.record({ value: fc.constantFrom(0, 0.3, 3, 3.01, 700), times: fc.integer({ min: 1, max: 40_000 }) }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(fc.array(window, { minLength: 1, maxLength: 5 }), (windows) => {
        const one = new LogHistogram();
        const total = new LogHistogram();
        const w = new LogHistogram();
        for (const records of windows) {
          for (const { value, times } of records)
            for (let i = 0; i < times; i++) {
              one.record(value);
              w.record(value);
            }
          total.merge(w);
          w.reset();
        }
        for (const value of [0, 0.3, 3, 3.01, 700])
          expect(total.countAt(bucketOf(value))).toBe(one.countAt(bucketOf(value)));
        expect(total.count).toBe(one.count);
        expect(total.quantiles([0.1, 0.5, 0.9, 0.99])).toEqual(one.quantiles([0.1, 0.5, 0.9, 0.99]));
      }),
      { numRuns: 40 },
    );
  });

  it('empties on reset', () => {
    const h = new LogHistogram();
    h.record(5);
    h.record(0);
    h.reset();
    expect(h.count).toBe(0);
    expect(h.quantile(0.5)).toBeNull();
    expect(h.countAt(0)).toBe(0);
    expect(h.countAt(bucketOf(5))).toBe(0);
    expect(h.highest).toBeLessThan(h.lowest);
  });

  it('allocates counters only for the octaves it has seen', () => {
    const idle = new LogHistogram();
    const busy = new LogHistogram();
    for (let i = 0; i < 10_000; i++) busy.record(1 + (i % 100) / 100);
    expect(busy.allocatedOctaves()).toBe(1);
    expect(idle.allocatedOctaves()).toBe(0);
    busy.record(1e6);
    expect(busy.allocatedOctaves()).toBe(2);
  });

  it('keeps its octaves through resets, so a window histogram reused a thousand times does not grow', () => {
    const window = new LogHistogram();
    for (let w = 0; w < 1000; w++) {
      for (let i = 0; i < 10; i++) window.record(1 + i / 10);
      window.record(1e6);
      expect(window.countAt(bucketOf(1e6))).toBe(1);
      window.reset();
    }
    expect(window.allocatedOctaves()).toBe(2);
  });

  it('keeps counting past 2¹⁶ in one bucket, by recording and by merging', () => {
    const a = new LogHistogram();
    for (let i = 0; i < 70_000; i++) a.record(3);
    expect(a.countAt(bucketOf(3))).toBe(70_000);
    const b = new LogHistogram();
    for (let i = 0; i < 40_000; i++) b.record(3);
    b.merge(b);
    expect(b.countAt(bucketOf(3))).toBe(80_000);
    expect(b.quantile(0.5)).toBeCloseTo(3, 1);
    // Both sides wrapped already, and their low parts wrap once more when added.
    a.merge(b);
    expect(a.countAt(bucketOf(3))).toBe(150_000);
    const c = new LogHistogram();
    c.record(3);
    c.merge(a);
    expect(c.countAt(bucketOf(3))).toBe(150_001);
    expect(c.quantiles([0.5, 0.99])).toEqual(a.quantiles([0.5, 0.99]));
    // A total that wrapped before takes in a window that never did, and wraps again in the adding.
    const window = new LogHistogram();
    for (let i = 0; i < 62_000; i++) window.record(3);
    const total = new LogHistogram();
    for (let i = 0; i < 70_000; i++) total.record(3);
    total.merge(window);
    expect(total.countAt(bucketOf(3))).toBe(132_000);
    total.merge(window);
    expect(total.countAt(bucketOf(3))).toBe(194_000);
    // Merged into itself after wrapping, with the low parts wrapping again on the second merge.
    const d = new LogHistogram();
    for (let i = 0; i < 50_000; i++) d.record(3);
    d.merge(d);
    d.merge(d);
    expect(d.countAt(bucketOf(3))).toBe(200_000);
  });

  it('keeps counting past 2³² in one bucket', () => {
    const a = new LogHistogram();
    const b = new LogHistogram();
    a.record(3);
    b.record(3);
    // Two merges of a histogram holding 2³¹ + 1 samples of one bucket cross the 32-bit limit.
    for (let i = 0; i < 31; i++) b.merge(b);
    a.merge(b);
    a.merge(b);
    expect(a.countAt(bucketOf(3))).toBe(2 ** 32 + 1);
    expect(a.quantile(0.5)).toBeCloseTo(3, 1);
  });

  it('maps a bucket midpoint back into its own bucket', () => {
    for (const v of [1e-6, 0.001, 0.5, 1, 3, 1000, 123456, 1e9]) {
      const b = bucketOf(v);
      expect(bucketOf(bucketMidpoint(b))).toBe(b);
      expect(Math.abs(bucketMidpoint(b) - v) / v).toBeLessThanOrEqual(1 / 64);
    }
  });
});

describe('bucketLowerBound', () => {
  it('bounds each bucket from below and meets the next bucket', () => {
    for (const v of [0.001, 1, 1.5, 77, 1e6]) {
      const b = bucketOf(v);
      expect(bucketLowerBound(b)).toBeLessThanOrEqual(v);
      expect(bucketLowerBound(b + 1)).toBeGreaterThan(v);
    }
  });
});
