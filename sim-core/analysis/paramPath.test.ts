import { describe, expect, it } from 'vitest';
import { SimulationError } from '../messages/Message.ts';
import { getAt, resolveParamPath } from './paramPath.ts';
import { parseSpec } from './spec.ts';

const doc = {
  nodes: [
    { id: 'users', kind: 'client', params: { rateRps: 100 } },
    {
      id: 'api.v2',
      kind: 'service',
      params: { replicas: 2, serviceTimeMs: { dist: 'exponential', mean: 5 } },
    },
    { id: 'api', kind: 'service', params: { serviceTimeMs: { dist: 'constant', value: 1 } } },
  ],
  edges: [{ id: 'e3', source: 'users', target: 'api', params: { timeoutMs: 50 } }],
  scenario: { durationSec: 10, events: [{ type: 'trafficMultiplier', atSec: 1, factor: 2 }] },
};

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof SimulationError ? error.detail.code : String(error);
  }
  return 'no error';
};

describe('parameter paths', () => {
  it('names nodes and edges by id (the longest id that fits), by index, and reaches into events', () => {
    expect(resolveParamPath(doc, 'nodes.api.v2.params.replicas')).toEqual(['nodes', 1, 'params', 'replicas']);
    expect(resolveParamPath(doc, 'nodes.api.params.replicas')).toEqual(['nodes', 2, 'params', 'replicas']);
    expect(resolveParamPath(doc, 'nodes[1].params.serviceTimeMs.mean')).toEqual([
      'nodes',
      1,
      'params',
      'serviceTimeMs',
      'mean',
    ]);
    expect(getAt(doc, resolveParamPath(doc, 'edges.e3.params.timeoutMs'))).toBe(50);
    expect(getAt(doc, resolveParamPath(doc, 'scenario.events[0].factor'))).toBe(2);
  });

  it('refuses with a code what does not resolve', () => {
    expect(codeOf(() => resolveParamPath(doc, 'nodes.db.params.replicas'))).toBe('analysis.path.noNode');
    expect(codeOf(() => resolveParamPath(doc, 'edges.e9.params.timeoutMs'))).toBe('analysis.path.noEdge');
    expect(codeOf(() => resolveParamPath(doc, 'nodes.api.limits.x'))).toBe('analysis.path.missing');
    expect(codeOf(() => resolveParamPath(doc, 'nodes.users.kind'))).toBe('analysis.path.notNumber');
    expect(codeOf(() => resolveParamPath(doc, 'nodes.api.params.'))).toBe('analysis.path.syntax');
  });
});

describe('SPEC', () => {
  it('reads lists, linear ranges and log ranges without float noise', () => {
    expect(parseSpec('1,2,4,8')).toEqual([1, 2, 4, 8]);
    expect(parseSpec('500:2000:500')).toEqual([500, 1000, 1500, 2000]);
    expect(parseSpec('0.1:0.5:0.1')).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(parseSpec('1:64:x2')).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(parseSpec('10:1000:x10')).toEqual([10, 100, 1000]);
  });

  it.each(['', 'a,b', '1:2', '5:1:1', '1:10:0', '0:10:x2', '1:10:x1', '1:1e9:1'])('refuses %j', (spec) => {
    expect(codeOf(() => parseSpec(spec))).toBe('analysis.spec.invalid');
  });
});
