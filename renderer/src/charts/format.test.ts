import { describe, expect, it } from 'vitest';
import { countText } from '../../../sim-core/messages/numberText.ts';
import { formatSigned, formatTick, formatValue } from './format.ts';

describe('formatValue', () => {
  it('gives three significant digits with the unit, in seconds from 1 s and µs below 1 ms', () => {
    expect(formatValue('en', 12.345, 'ms')).toBe('12.3 ms');
    expect(formatValue('en', 4912, 'ms')).toBe('4.91 s');
    expect(formatValue('en', 830.4, 'ms')).toBe('830 ms');
    expect(formatValue('en', 0.00696, 'ms')).toBe('6.96 µs');
    expect(formatValue('en', 1234, 'rps')).toBe('1.23K rps');
    expect(formatValue('en', 0.456, 'ratio')).toBe('45.6%');
    expect(formatValue('en', 0.0123, 'ratio')).toBe('1.23%');
    expect(formatValue('en', null, 'count')).toBe('–');
  });

  it('writes numbers in Chinese conventions', () => {
    expect(formatValue('zh-CN', 12_345, 'rps')).toBe('1.23万 rps');
  });

  it('agrees with the canvas: one number is written one way everywhere', () => {
    expect(formatTick('en', 1234, 'rps')).toBe(countText('en', 1234));
    expect(formatValue('en', 1234, 'count')).toBe(countText('en', 1234));
    expect(formatTick('zh-CN', 12_345, 'count')).toBe(countText('zh-CN', 12_345));
  });
});

describe('formatTick', () => {
  it('is short: seconds and percentages carry their unit, the rest none', () => {
    expect(formatTick('en', 0.5, 'ratio')).toBe('50%');
    expect(formatTick('en', 0.004, 'ratio')).toBe('0.4%');
    expect(formatTick('en', 0, 'ratio')).toBe('0%');
    expect(formatTick('en', 2000, 'ms')).toBe('2s');
    expect(formatTick('en', 250, 'ms')).toBe('250');
    expect(formatTick('en', 5, 'rps')).toBe('5');
    expect(formatTick('en', 1500, 'rps')).toBe('1.5K');
    expect(formatTick('en', 0.1 + 0.2, 'count')).toBe('0.3');
  });
});

describe('formatSigned', () => {
  it('signs changes with a true minus', () => {
    expect(formatSigned(-3.14, (v) => v.toFixed(1))).toBe('−3.1');
    expect(formatSigned(2, (v) => `${v} ms`)).toBe('+2 ms');
    expect(formatSigned(null, String)).toBe('–');
  });

  it('gives no sign to a change that rounds to zero', () => {
    expect(formatSigned(-0.01, (v) => `${v.toFixed(1)} rps`)).toBe('0.0 rps');
    expect(formatSigned(0.04, (v) => `${v.toFixed(1)}%`)).toBe('0.0%');
    expect(formatSigned(-0.4, (v) => v.toFixed(1))).toBe('−0.4');
  });

  it('no longer prints a tiny latency change as thousandths of a millisecond', () => {
    expect(formatSigned(0.00696, (v) => formatValue('en', v, 'ms'))).toBe('+6.96 µs');
  });
});
