import { describe, expect, it } from 'vitest';
import { formatPath, valueAt } from './issuePath.ts';

describe('formatPath', () => {
  it('writes indices in brackets and keys after dots', () => {
    expect(formatPath(['nodes', 3, 'params', 'replicas'])).toBe('nodes[3].params.replicas');
    expect(formatPath([])).toBe('');
    expect(formatPath([0])).toBe('[0]');
    expect(formatPath(['scenario', 'events', 0, 'atSec'])).toBe('scenario.events[0].atSec');
  });

  it('quotes keys that are not identifiers', () => {
    expect(formatPath(['name', 'zh-CN'])).toBe('name["zh-CN"]');
    expect(formatPath(['percentiles', '99.9'])).toBe('percentiles["99.9"]');
    expect(formatPath(['percentiles', '50'])).toBe('percentiles["50"]');
    expect(formatPath(['a b'])).toBe('["a b"]');
  });
});

describe('valueAt', () => {
  it('follows own properties only', () => {
    const doc = { nodes: [{ id: 'api' }] };
    expect(valueAt(doc, ['nodes', 0, 'id'])).toBe('api');
    expect(valueAt(doc, ['nodes', 1, 'id'])).toBeUndefined();
    expect(valueAt(doc, ['nodes', 'length'])).toBe(1);
    expect(valueAt(doc, ['constructor'])).toBeUndefined();
    expect(valueAt('text', ['length'])).toBeUndefined();
  });
});
