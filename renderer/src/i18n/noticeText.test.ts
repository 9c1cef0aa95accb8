import { describe, expect, it } from 'vitest';
import { validateTopology } from '../../../sim-core/format/validate.ts';
import { formatMessage } from '../../../sim-core/messages/formatMessage.ts';
import { type Doc, emptyDoc } from '../model/document.ts';
import { noticeText } from './noticeText.ts';

function brokenDoc(): Doc {
  return {
    ...emptyDoc(),
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 10 } },
      {
        id: 'orders-db',
        kind: 'database',
        label: { en: 'Orders DB', 'zh-CN': '订单库' },
        params: { replicasPerShard: 0, serviceTimeMs: { dist: 'constant', value: 1 } },
      },
    ],
    edges: [{ id: 'e', source: 'users', target: 'orders-db' }],
  };
}

it('names the nodes of the document on screen by their labels, in the UI language', () => {
  const doc = brokenDoc();
  const result = validateTopology(doc);
  if (result.ok) throw new Error('expected issues');
  expect(noticeText('en', { issues: result.issues, of: doc })).toBe(
    '“Orders DB” · params.replicasPerShard: must be an integer ≥ 1, got 0',
  );
  expect(noticeText('zh-CN', { issues: result.issues, of: doc })).toBe(
    '“订单库” · params.replicasPerShard: 应为≥ 1 的整数，实际为 0',
  );
  // A refused file is not on screen: its issues keep their paths and owners.
  expect(noticeText('en', { issues: result.issues, file: 'x.json' })).toBe(
    'x.json:\nnodes[1].params.replicasPerShard: must be an integer ≥ 1, got 0 (node "orders-db")',
  );
});

it('words a UI key and a core message when drawn, so a notice follows the language', () => {
  expect(noticeText('zh-CN', { key: 'chaos.notRunning' })).toMatch(/模拟尚未运行/);
  expect(noticeText('en', { message: { code: 'event.regionDown', params: {} } })).toBe('region down');
});

describe('a message of a code the app words itself', () => {
  it('reads in the UI language, with a nested core message worded too, never as its code', () => {
    const failed = {
      code: 'analysis.point.invalid',
      params: {
        path: 'nodes[1].params.replicas',
        issue: { code: 'value.mustBe', params: { expected: 'an integer ≥ 1', got: 0 } },
      },
    };
    const en = noticeText('en', { message: failed });
    expect(en).toMatch(/^A point of the sweep is not a valid topology: nodes\[1\]\.params\.replicas: /);
    expect(en).toContain(formatMessage('en', failed.params.issue));
    const zh = noticeText('zh-CN', { message: failed });
    expect(zh).toContain('扫描中的某个点不是有效的拓扑');
    expect(zh).toContain(formatMessage('zh-CN', failed.params.issue));
    expect(
      noticeText('zh-CN', { message: { code: 'analysis.scale.noClient', params: { scale: 'clients' } } }),
    ).toBe('没有可施加负载的客户端：请先添加一个。');
  });
});
