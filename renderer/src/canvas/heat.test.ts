import { describe, expect, it } from 'vitest';
import { compact, ms } from './heat.ts';

describe('number formatting on the canvas', () => {
  it('prints milliseconds without exponent form and switches to seconds at 1 s', () => {
    expect(ms(0.5)).toBe('0.500 ms');
    expect(ms(7.078)).toBe('7.08 ms');
    expect(ms(44.87)).toBe('44.9 ms');
    expect(ms(187.2)).toBe('187 ms');
    expect(ms(2280)).toBe('2.28 s');
    expect(ms(12_345)).toBe('12.3 s');
    expect(ms(null)).toBe('–');
  });

  it('abbreviates large counts', () => {
    expect(compact(950)).toBe('950');
    expect(compact(1234)).toBe('1.2k');
    expect(compact(3_400_000)).toBe('3.4M');
  });
});
