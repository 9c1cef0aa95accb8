import { describe, expect, it } from 'vitest';
import { formatNumber, fromPercent, parseNumber, toPercent } from './numbers.ts';

describe('percent conversions', () => {
  it('shows stored fractions as percentages without binary noise', () => {
    expect(toPercent(0.07)).toBe(7);
    expect(toPercent(0.001)).toBe(0.1);
    expect(toPercent(1)).toBe(100);
    expect(formatNumber(0.29, true)).toBe('29');
  });

  it('stores typed percentages as fractions, and round-trips', () => {
    expect(fromPercent(1.5)).toBe(0.015);
    expect(fromPercent(7)).toBe(0.07);
    for (const f of [0, 0.001, 0.015, 0.07, 0.1, 0.333, 0.5, 0.95, 1])
      expect(fromPercent(toPercent(f))).toBe(f);
  });
});

describe('parseNumber', () => {
  it('reads numbers, percentages, and empty as "remove"', () => {
    expect(parseNumber(' 12 ')).toBe(12);
    expect(parseNumber('2.5', true)).toBe(0.025);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('-3')).toBe(-3);
  });

  it('refuses text that is not a number', () => {
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber('Infinity')).toBeNull();
  });

  it('formats missing values as empty', () => {
    expect(formatNumber(undefined)).toBe('');
    expect(formatNumber(Number.NaN)).toBe('');
    expect(formatNumber(5)).toBe('5');
  });
});
