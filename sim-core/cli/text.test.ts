import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  formatCompact,
  formatCount,
  formatPercent,
  formatSeconds,
  formatSig,
  printable,
  renderTable,
  words,
} from './text.ts';

describe('human number formats', () => {
  it('formats counts with thousands separators', () => {
    expect([0, 999, 1000, 1234567, -1234, 12.6, null].map(formatCount)).toEqual([
      '0',
      '999',
      '1,000',
      '1,234,567',
      '-1,234',
      '13',
      '-',
    ]);
  });

  it('keeps 3 significant digits, integers above 1000', () => {
    expect([48.21, 0.012345, 5, 0, 199.95, 1234.5, 45.02, null, Number.NaN].map((v) => formatSig(v))).toEqual(
      ['48.2', '0.0123', '5.00', '0', '200', '1,235', '45.0', '-', '-'],
    );
  });

  it('formats ratios as percentages and large rates compactly', () => {
    expect([0.873, 1, 0, null].map(formatPercent)).toEqual(['87.3%', '100.0%', '0.0%', '-']);
    expect([1_520_000, 2_500, 3.2e9, 12].map(formatCompact)).toEqual(['1.52M', '2.50k', '3.20G', '12.0']);
    expect([60, 0.5, 3600].map(formatSeconds)).toEqual(['60 s', '0.500 s', '3,600 s']);
  });

  it('spells camelCase names as words', () => {
    expect(words('queueFull')).toBe('queue full');
    expect(words('timeout')).toBe('timeout');
  });
});

describe('terminal text', () => {
  it('replaces control characters in user text', () => {
    expect(printable('api\u001b[2Jx\n')).toBe('api?[2Jx?');
    expect(printable('缓存-1')).toBe('缓存-1');
  });

  it('counts CJK characters as two columns', () => {
    expect(displayWidth('api')).toBe(3);
    expect(displayWidth('缓存')).toBe(4);
    expect(displayWidth('キャッシュ')).toBe(10);
  });

  it('aligns columns by display width', () => {
    const table = renderTable(
      ['id', 'rps'],
      [
        ['缓存', '1'],
        ['api', '200'],
      ],
      ['left', 'right'],
    );
    expect(table).toBe('  id    rps\n  缓存    1\n  api   200\n');
  });
});
