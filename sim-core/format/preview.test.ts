import { describe, expect, it } from 'vitest';
import { preview } from './preview.ts';

describe('preview', () => {
  it('renders small values like JSON', () => {
    expect(preview(-2)).toBe('-2');
    expect(preview('abc')).toBe('"abc"');
    expect(preview(null)).toBe('null');
    expect(preview(true)).toBe('true');
    expect(preview([1, 'a'])).toBe('[1,"a"]');
    expect(preview({ a: 1 })).toBe('{"a":1}');
    expect(preview(undefined)).toBe('undefined');
    expect(preview(Number.NaN)).toBe('NaN');
    expect(preview(10n)).toBe('10n');
  });

  it('truncates long values', () => {
    expect(preview('x'.repeat(1000))).toBe(`"${'x'.repeat(59)}…`);
    const long = preview(Array.from({ length: 10_000 }, (_, i) => i));
    expect(long.length).toBeLessThanOrEqual(61);
    expect(long.endsWith('…')).toBe(true);
  });

  it('survives cycles, deep nesting and throwing getters', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(preview(cyclic)).toBe('{"self":{"self":{"self":{…}}}}');
    const hostile = {
      get boom() {
        throw new Error('no');
      },
    };
    expect(preview(hostile)).toBe('an unreadable value');
  });
});
