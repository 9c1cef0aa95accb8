import { describe, expect, it } from 'vitest';
import { formatSigned, formatTick, formatValue } from './format.ts';

describe('formatting', () => {
  it('formats values with units', () => {
    expect(formatValue(12.345, 'ms')).toBe('12.3 ms');
    expect(formatValue(4912, 'ms')).toBe('4.91 s');
    expect(formatValue(830.4, 'ms')).toBe('830 ms');
    expect(formatValue(1234, 'rps')).toBe('1.2k rps');
    expect(formatValue(0.456, 'ratio')).toBe('45.6%');
    expect(formatValue(0.0123, 'ratio')).toBe('1.23%');
    expect(formatValue(null, 'count')).toBe('–');
  });

  it('keeps ticks short', () => {
    expect(formatTick(0.5, 'ratio')).toBe('50%');
    expect(formatTick(2000, 'ms')).toBe('2s');
    expect(formatTick(250, 'ms')).toBe('250');
    expect(formatTick(5, 'rps')).toBe('5');
    expect(formatTick(1500, 'rps')).toBe('1.5k');
    expect(formatTick(0.1 + 0.2, 'count')).toBe('0.3');
  });

  it('signs changes', () => {
    expect(formatSigned(-3.14, (v) => v.toFixed(1))).toBe('−3.1');
    expect(formatSigned(2, (v) => `${v} ms`)).toBe('+2 ms');
    expect(formatSigned(null, String)).toBe('–');
  });
});

describe('formatSigned near zero', () => {
  it('drops the sign when the change rounds to zero', () => {
    expect(formatSigned(-0.01, (v) => `${v.toFixed(1)} rps`)).toBe('0.0 rps');
    expect(formatSigned(0.04, (v) => `${v.toFixed(1)}%`)).toBe('0.0%');
    expect(formatSigned(-0.4, (v) => v.toFixed(1))).toBe('−0.4');
  });
});
