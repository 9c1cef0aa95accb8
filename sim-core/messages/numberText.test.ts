import { describe, expect, it } from 'vitest';
import { countText, msText, percentText, signedText } from './numberText.ts';

describe('numbers for people', () => {
  it('writes a count the same way everywhere: three significant digits, compact', () => {
    expect([0.5, 2.71, 950, 1234, 12_345, 1_234_567].map((n) => countText('en', n))).toEqual([
      '0.5',
      '2.71',
      '950',
      '1.23K',
      '12.3K',
      '1.23M',
    ]);
  });

  it('follows Chinese conventions: 万 and 亿, not thousands', () => {
    expect([1234, 12_345, 1_234_567, 1.5e9].map((n) => countText('zh-CN', n))).toEqual([
      '1230',
      '1.23万',
      '123万',
      '15亿',
    ]);
  });

  it('writes durations in the unit that keeps them short, never in exponent form', () => {
    expect([0.00696, 0.5, 8.4712, 830, 4910, 0].map((ms) => msText('en', ms))).toEqual([
      '6.96 µs',
      '500 µs',
      '8.47 ms',
      '830 ms',
      '4.91 s',
      '0 ms',
    ]);
    expect(msText('en', 1e-9)).not.toMatch(/e/);
  });

  it('writes shares as percentages and signs changes', () => {
    expect(percentText('en', 0.452)).toBe('45.2%');
    expect(percentText('en', 0.00696)).toBe('0.696%');
    expect(signedText(0.00696, (v) => msText('en', v))).toBe('+6.96 µs');
    expect(signedText(-3.14, (v) => msText('en', v))).toBe('−3.14 ms');
    expect(signedText(-0.0001, (v) => percentText('en', v))).toBe('−0.01%');
    expect(signedText(null, String)).toBe('–');
  });
});
