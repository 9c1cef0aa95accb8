import { describe, expect, it } from 'vitest';
import { validateTopology } from '../../../sim-core/format/validate.ts';
import { issueText } from '../../../sim-core/messages/issueText.ts';
import { type Doc, emptyDoc } from '../model/document.ts';
import {
  type FieldIssue,
  ItemIssues,
  isShownBy,
  issuesElsewhere,
  parseIssuePath,
  parseIssues,
  runProblemIssue,
  selectionFor,
} from './issuesFor.ts';

/** What a field would show, in English: the code's words without the owner, after `at: `. */
const words = (shown: readonly FieldIssue[]) =>
  shown.map(({ issue, at }) => (at ? `${at}: ` : '') + issueText('en', issue, { owner: false }));
const owner = { list: 'nodes', id: 'api' } as const;

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
    { path: 'nodes[1].params.replicas', code: 'value.tooSmall', params: { min: 1 }, owner },
    { path: 'nodes[1].params.serviceTimeMs.p99', code: 'dist.p99BelowP50', params: { p50: 8 }, owner },
    { path: 'nodes[1].params.serviceTimeMs', code: 'value.invalid', params: {}, owner },
    { path: 'nodes[1].params.replica', code: 'key.unknownParam', params: { key: 'replica' }, owner },
    { path: 'nodes[1]', code: 'outgoing.pool', params: { id: 'api' } },
    { path: 'nodes[10].params.replicas', code: 'value.required', params: {} },
  ]);
  const node = new ItemIssues(issues, ['nodes', 1]);

  it('keeps only the item’s issues, relative to it, without the owner suffix', () => {
    expect(node.list).toHaveLength(5);
    expect(words(node.at(['params', 'replicas']))).toEqual(['is too small: the minimum is 1']);
    expect(words(node.at(['params', 'serviceTimeMs', 'p99']))).toEqual(['must be greater than p50 (8)']);
  });

  it('rest() gives what no field claims, with a relative path when below', () => {
    expect(
      words(
        node.rest(
          [],
          [
            ['params', 'replicas'],
            ['params', 'serviceTimeMs'],
          ],
        ),
      ),
    ).toEqual([
      'params.replica: unknown parameter "replica"',
      'pool "api" has no outgoing edge: a pool needs the node its connections lead to',
    ]);
    const dist = node.within(['params', 'serviceTimeMs']);
    expect(words(dist.rest([], [['p50'], ['p99']]))).toEqual(['is not valid']);
    expect(dist.rest([], [['p99']], false)).toEqual([]);
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
    expect(api.at(['params', 'replicas'])[0].issue.code).toBe('value.mustBe');
    expect(api.at(['params', 'serviceTimeMs', 'p99'])[0].issue.code).toBe('dist.p50Required');
    const scenario = new ItemIssues(issues, ['scenario']);
    expect(scenario.at(['warmupSec'])[0].issue.code).toBe('scenario.warmupTooLong');
  });

  it('knows which selection shows each problem', () => {
    expect(selectionFor(d, ['nodes', 1, 'params', 'replicas'])).toBe('api');
    expect(selectionFor(d, ['edges', 0, 'target'])).toBe('users-api');
    expect(selectionFor(d, ['regions', 1, 'id'])).toBe('region:us');
    expect(selectionFor(d, ['regionLatencyMs', 0, 'latencyMs', 'value'])).toBe('region:eu');
    expect(selectionFor(d, ['scenario', 'warmupSec'])).toBe('');
    expect(selectionFor(d, ['format'])).toBe('');
    const latency = {
      path: ['regionLatencyMs', 0, 'latencyMs', 'value'],
      issue: { path: 'regionLatencyMs[0].latencyMs.value', code: 'value.invalid', params: {} },
    };
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

describe('runProblemIssue', () => {
  const d = doc();
  const budget = {
    code: 'budget.memory',
    params: { estimateBytes: 4e10, limitBytes: 4e9 },
    path: 'nodes[1].params.replicas',
  };

  it('puts a refusal that names a field under that field, while the document is the one refused', () => {
    const issue = runProblemIssue({ problem: budget, doc: d }, d);
    expect(issue).toEqual({ path: ['nodes', 1, 'params', 'replicas'], issue: budget });
    expect(new ItemIssues([issue!], ['nodes', 1]).at(['params', 'replicas'])).toEqual([
      { issue: budget, at: '' },
    ]);
    expect(selectionFor(d, issue!.path)).toBe('api');
  });

  it('is gone once the document changes, and there is none for a stop that names no field', () => {
    const edited = { ...d, nodes: d.nodes.map((n) => ({ ...n })) };
    expect(runProblemIssue({ problem: budget, doc: d }, edited)).toBeNull();
    const loop = { code: 'watchdog.zeroTimeLoop', params: { atSec: 0 }, nodes: ['users', 'api'] };
    expect(runProblemIssue({ problem: loop, doc: d }, d)).toBeNull();
    expect(runProblemIssue(null, d)).toBeNull();
  });
});
