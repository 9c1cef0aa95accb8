import { describe, expect, it } from 'vitest';
import { type Distribution, distribution } from '../../../sim-core/format/distribution.ts';
import { DIST_FORMS, fieldsOf, formOf, meanOf, switchForm } from './distributions.ts';

const close = (a: number | undefined, b: number, digits = 2) => expect(a).toBeCloseTo(b, digits);

describe('formOf', () => {
  it('tells the two lognormal forms apart', () => {
    expect(formOf({ dist: 'lognormal', p50: 4, p99: 40 })).toBe('lognormal');
    expect(formOf({ dist: 'lognormal', mean: 4, cv: 1 })).toBe('lognormalMoments');
    expect(formOf({ dist: 'erlang', k: 2, mean: 4 })).toBe('erlang');
  });
});

describe('meanOf', () => {
  it('gives the mean of every kind', () => {
    expect(meanOf({ dist: 'constant', value: 3 })).toBe(3);
    expect(meanOf({ dist: 'uniform', min: 2, max: 6 })).toBe(4);
    // A lognormal with median 1 and σ = 1: mean e^(1/2).
    close(meanOf({ dist: 'lognormal', p50: 1, p99: Math.exp(2.326347874) }), Math.exp(0.5), 4);
    // Piecewise linear inverse CDF: 0→0, 50→10, 100→20 has mean 10.
    expect(meanOf({ dist: 'empirical', percentiles: { '50': 10, '100': 20 } })).toBe(10);
  });

  it('is undefined for a half-typed distribution', () => {
    expect(meanOf({ dist: 'exponential' } as unknown as Distribution)).toBeUndefined();
  });
});

describe('switchForm', () => {
  const start: Distribution = { dist: 'exponential', mean: 20 };

  it('carries the mean over to every form', () => {
    for (const form of DIST_FORMS) {
      const d = switchForm(start, form);
      expect(formOf(d)).toBe(form);
      if (form === 'empirical') continue; // the shape of the spread is invented; the mean roughly kept
      close(meanOf(d), 20, 0);
    }
  });

  it('produces a valid distribution in every form, from every form', () => {
    for (const from of DIST_FORMS) {
      for (const to of DIST_FORMS) {
        const d = switchForm(switchForm(start, from), to);
        expect(distribution.safeParse(d).success, `${from} → ${to}: ${JSON.stringify(d)}`).toBe(true);
      }
    }
  });

  it('keeps percentiles between the lognormal forms and empirical', () => {
    const pct: Distribution = { dist: 'lognormal', p50: 4, p99: 40 };
    const moments = switchForm(pct, 'lognormalMoments');
    const back = switchForm(moments, 'lognormal');
    expect(back).toEqual({ dist: 'lognormal', p50: 4, p99: 40 });
    expect(switchForm(pct, 'empirical')).toEqual({
      dist: 'empirical',
      percentiles: { '50': 4, '99': 40, '100': 80 },
    });
  });

  it('returns the same distribution for its own form, and starts from the fallback with none', () => {
    expect(switchForm(start, 'exponential')).toBe(start);
    expect(switchForm(undefined, 'constant', 0.5)).toEqual({ dist: 'constant', value: 0.5 });
  });

  it('lists the fields of each form', () => {
    expect(fieldsOf('lognormal')).toEqual(['p50', 'p99']);
    expect(fieldsOf('lognormalMoments')).toEqual(['mean', 'cv']);
    expect(fieldsOf('empirical')).toEqual([]);
  });
});
