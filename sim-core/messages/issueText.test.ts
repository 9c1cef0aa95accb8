import { describe, expect, it } from 'vitest';
import { validateTopology } from '../format/validate.ts';
import { minimalDocument } from '../test/fixtures/topologyDocuments.ts';
import { issueLine, issueText } from './issueText.ts';

function firstIssue(change: (doc: ReturnType<typeof minimalDocument>) => void) {
  const doc = minimalDocument();
  change(doc);
  const result = validateTopology(doc);
  if (result.ok) throw new Error('expected an issue');
  return result.issues[0];
}

describe('validator issues as data', () => {
  it('carry a code, its parameters and the node they sit in, not prose', () => {
    expect(firstIssue((d) => (d.nodes[1].params.replicas = -2))).toEqual({
      path: 'nodes[1].params.replicas',
      code: 'value.mustBe',
      params: {
        expected: {
          code: 'expect.integerIn',
          params: { range: { code: 'range.atLeast', params: { min: 1 } } },
        },
        got: -2,
      },
      owner: { list: 'nodes', id: 'api' },
    });
  });

  it('are worded in English for the CLI and in Chinese for the UI', () => {
    const issue = firstIssue((d) => (d.nodes[1].params.replicas = -2));
    expect(issueLine('en', issue)).toBe(
      'nodes[1].params.replicas: must be an integer ≥ 1, got -2 (node "api")',
    );
    expect(issueText('zh-CN', issue)).toBe('应为≥ 1 的整数，实际为 -2（节点 "api"）');
    expect(issueText('zh-CN', issue, { owner: false })).toBe('应为≥ 1 的整数，实际为 -2');
  });

  it('show a share as the percentage a field shows it in', () => {
    const issue = firstIssue((d) => (d.nodes[1].params.errorRate = 1.5));
    expect(issueText('en', issue, { owner: false, percent: true })).toBe(
      'must be a number from 0 % to 100 %, got 150 %',
    );
  });

  it('keep a guess for a typo apart from the message', () => {
    const issue = firstIssue(
      (d) => (d.nodes[1].params = { replica: 3, serviceTimeMs: { dist: 'constant', value: 1 } }),
    );
    expect(issue).toMatchObject({ code: 'key.unknownParam', params: { key: 'replica' }, guess: 'replicas' });
    expect(issueText('zh-CN', issue, { owner: false })).toBe(
      '未知参数 "replica"（您是否想输入 "replicas"？）',
    );
  });
});
