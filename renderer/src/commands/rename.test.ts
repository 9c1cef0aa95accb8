import { describe, expect, it } from 'vitest';
import { twoNodes } from '../testing/harness.ts';
import { renamed } from './rename.ts';

describe('renaming on the canvas', () => {
  it('sets the name in the UI’s language, keeping the other languages’ names', () => {
    const doc = {
      ...twoNodes(),
      nodes: twoNodes().nodes.map((n) => ({ ...n, label: { en: 'Users', 'zh-CN': '用户' } })),
    };
    const next = renamed(doc, 'client', '客户', 'zh-CN');
    expect(next.nodes[0].label).toEqual({ en: 'Users', 'zh-CN': '客户' });
    expect(renamed(twoNodes(), 'region:eu', 'Europe', 'en').regions?.[0].label).toBe('Europe');
  });

  it('falls back to the id when the name is emptied, and ignores an unknown item', () => {
    expect(renamed(twoNodes(), 'service', '', 'en').nodes[1].label).toBeUndefined();
    const doc = twoNodes();
    expect(renamed(doc, 'nobody', 'x', 'en')).toBe(doc);
    expect(renamed(doc, 'region:nowhere', 'x', 'en')).toBe(doc);
  });
});
