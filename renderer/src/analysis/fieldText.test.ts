import { describe, expect, it } from 'vitest';
import { runLengthSec, wholeNumber } from './fieldText.ts';

describe('wholeNumber', () => {
  it('takes a whole number in its range, and nothing else', () => {
    expect(wholeNumber('3', 1, 20)).toBe(3);
    expect(wholeNumber(' 20 ', 1, 20)).toBe(20);
    expect(['', ' ', '0', '21', '2.5', 'x'].map((text) => wholeNumber(text, 1, 20))).toEqual(
      Array(6).fill(null),
    );
  });
});

describe('runLengthSec', () => {
  it('leaves an empty field to the scenario, and takes seconds up to a day', () => {
    expect(runLengthSec('')).toBeUndefined();
    expect(runLengthSec('  ')).toBeUndefined();
    expect(runLengthSec('0.5')).toBe(0.5);
    expect(runLengthSec('86400')).toBe(86_400);
    expect(['0', '-1', '86401', 'x', 'NaN'].map(runLengthSec)).toEqual(Array(5).fill(null));
  });
});
