import { describe, expect, it } from 'vitest';
import { contrast, heat, heatInk, INK } from './heat.ts';

describe('heat colours', () => {
  // Where the ramp crosses from dark to light ink no pair of inks does better than about 3.8:1.
  it('keeps the text readable at every heat level (at least 3.8:1)', () => {
    for (let u = 0; u <= 1.0001; u += 0.01) {
      const ink = INK[heatInk(u)];
      expect(contrast(heat(u), ink), `at ${Math.round(u * 100)}%`).toBeGreaterThanOrEqual(3.8);
    }
  });

  it('writes dark on a calm node and light on a saturated one', () => {
    expect(heatInk(0)).toBe('dark');
    expect(heatInk(1)).toBe('light');
  });
});
