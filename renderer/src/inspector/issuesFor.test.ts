import { describe, expect, it } from 'vitest';
import { validateTopology } from '../../../sim-core/format/validate.ts';
import { type Doc, emptyDoc } from '../model/document.ts';
import {
  ItemIssues,
  isShownBy,
  issuesElsewhere,
  parseIssuePath,
  parseIssues,
  selectionFor,
  withoutOwner,
} from './issuesFor.ts';

describe('parseIssuePath', () => {
  it('reads the validator’s paths back into keys and indices', () => {
    expect(parseIssuePath('')).toEqual([]);
    expect(parseIssuePath('nodes[3].params.replicas')).toEqual(['nodes', 3, 'params', 'replicas']);
    expect(parseIssuePath('name["zh-CN"]')).toEqual(['name', 'zh-CN']);
    expect(parseIssuePath('nodes[0].params.serviceTimeMs.percentiles["99.9"]')).toEqual([
      'nodes',
      0,
      'params',
      'serviceTimeMs',
      'percentiles',
      '99.9',
    ]);
    expect(parseIssuePath('scenario.events[2].target')).toEqual(['scenario', 'events', 2, 'target']);
  });
});

describe('ItemIssues', () => {
  const issues = parseIssues([
    { path: 'nodes[1].params.replicas', message: 'must be an integer ≥ 1, got -2 (node "api")' },
    { path: 'nodes[1].params.serviceTimeMs.p99', message: 'must be greater than p50 (8) (node "api")' },
    { path: 'nodes[1].params.serviceTimeMs', message: 'oops (node "api")' },
    { path: 'nodes[1].params.replica', message: 'unknown parameter "replica" (node "api")' },
    { path: 'nodes[1]', message: 'has no outgoing edge' },
    { path: 'nodes[10].params.replicas', message: 'another node' },
  ]);
  const node = new ItemIssues(issues, ['nodes', 1]);

  it('keeps only the item’s issues, relative to it, without the owner suffix', () => {
    expect(node.list).toHaveLength(5);
    expect(node.at(['params', 'replicas'])).toEqual(['must be an integer ≥ 1, got -2']);
    expect(node.at(['params', 'serviceTimeMs', 'p99'])).toEqual(['must be greater than p50 (8)']);
  });

  it('rest() gives what no field claims, with a relative path when below', () => {
    expect(
      node.rest(
        [],
        [
          ['params', 'replicas'],
          ['params', 'serviceTimeMs'],
        ],
      ),
    ).toEqual(['params.replica: unknown parameter "replica"', 'has no outgoing edge']);
    const dist = node.within(['params', 'serviceTimeMs']);
    expect(dist.rest([], [['p50'], ['p99']])).toEqual(['oops']);
    expect(dist.rest([], [['p99']], false)).toEqual([]);
  });

  it('withoutOwner strips only the trailing owner', () => {
    expect(withoutOwner('is required (node "a b")')).toBe('is required');
    expect(withoutOwner('is required (edge "e")')).toBe('is required');
    expect(withoutOwner('must be (1) here')).toBe('must be (1) here');
  });
});

function doc(): Doc {
  return {
    ...emptyDoc(),
    regions: [{ id: 'eu' }, { id: 'us' }],
    regionLatencyMs: [{ from: 'eu', to: 'us', latencyMs: { dist: 'constant', value: -1 } }],
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 100 } },
      { id: 'api', kind: 'service', params: { replicas: -2, serviceTimeMs: { dist: 'lognormal', p50: 8 } } },
    ],
    edges: [{ id: 'users-api', source: 'users', target: 'api' }],
    scenario: { durationSec: 10, warmupSec: 20 },
  };
}

describe('with the real validator', () => {
  const d = doc();
  const result = validateTopology(d);
  const issues = result.ok ? [] : parseIssues(result.issues);

  it('puts each problem under its field', () => {
    const api = new ItemIssues(issues, ['nodes', 1]);
    expect(api.at(['params', 'replicas'])[0]).toMatch(/integer ≥ 1/);
    expect(api.at(['params', 'serviceTimeMs', 'p99'])[0]).toMatch(/required/);
    const scenario = new ItemIssues(issues, ['scenario']);
    expect(scenario.at(['warmupSec'])[0]).toMatch(/shorter than durationSec/);
  });

  it('knows which selection shows each problem', () => {
    expect(selectionFor(d, ['nodes', 1, 'params', 'replicas'])).toBe('api');
    expect(selectionFor(d, ['edges', 0, 'target'])).toBe('users-api');
    expect(selectionFor(d, ['regions', 1, 'id'])).toBe('region:us');
    expect(selectionFor(d, ['regionLatencyMs', 0, 'latencyMs', 'value'])).toBe('region:eu');
    expect(selectionFor(d, ['scenario', 'warmupSec'])).toBe('');
    expect(selectionFor(d, ['format'])).toBe('');
    const latency = { path: ['regionLatencyMs', 0, 'latencyMs', 'value'], message: 'x' };
    expect(isShownBy(d, latency, 'region:us')).toBe(true);
    expect(isShownBy(d, latency, 'api')).toBe(false);
  });

  it('counts the problems elsewhere, by owner', () => {
    const fromApi = issuesElsewhere(d, issues, 'api');
    expect(fromApi.count).toBe(issues.length - 2);
    expect(fromApi.owners).toEqual(
      expect.arrayContaining([
        { selection: '', count: 1 },
        { selection: 'region:eu', count: 1 },
      ]),
    );
    expect(issuesElsewhere(d, issues, '').owners.some((o) => o.selection === '')).toBe(false);
  });
});
