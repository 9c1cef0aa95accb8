import { describe, expect, it } from 'vitest';
import { formatNumber } from './formatNumber.ts';

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [-7, '-7'],
    [1e21, '1000000000000000000000'],
    [-1e21, '-1000000000000000000000'],
    [2 ** 53 + 2, '9007199254740994'],
    [0.30000000000000004, '0.3'],
    [0.1 + 0.7, '0.8'],
    [1e-7, '0.0000001'],
    [-1.5e-7, '-0.00000015'],
    [1 / 3, '0.333333'],
    [2 / 3, '0.666667'],
    [-0.5, '-0.5'],
    [123.456789, '123.457'],
    [0.000123456789, '0.000123457'],
    [1234567.891, '1234568'],
    [99.9999999, '100'],
    [2.0000001, '2'],
    [12.5, '12.5'],
  ])('%d → %s', (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });

  it.each([null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    '%s → empty cell',
    (value) => {
      expect(formatNumber(value)).toBe('');
    },
  );

  it('never writes an exponent, even for the smallest double', () => {
    const text = formatNumber(5e-324);
    expect(text).toMatch(/^0\.0{323}494066$/);
    expect(Number(text)).toBe(5e-324);
  });
});
