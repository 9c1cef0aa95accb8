import { describe, expect, it } from 'vitest';
import { closestMatch } from './closestMatch.ts';

describe('closestMatch', () => {
  it('finds a near miss and ignores exact and far-off names', () => {
    expect(closestMatch('replica', ['replicas', 'concurrency'])).toBe('replicas');
    expect(closestMatch('Api', ['api', 'db'])).toBe('api');
    expect(closestMatch('nmae', ['nodes', 'name'])).toBe('name');
    expect(closestMatch('queueCapcity', ['queueCapacity', 'capacity'])).toBe('queueCapacity');
    expect(closestMatch('zzz', ['replicas', 'api'])).toBeUndefined();
    expect(closestMatch('db', ['db'])).toBeUndefined();
    expect(closestMatch('', ['a'])).toBeUndefined();
  });

  it('stays bounded on huge inputs', () => {
    expect(closestMatch('x'.repeat(100), ['x'.repeat(99)])).toBeUndefined();
    const many = Array.from({ length: 5000 }, (_, i) => `node${i}`);
    expect(closestMatch('node1x', many)).toBeUndefined();
  });
});
