import { describe, expect, it } from 'vitest';
import { type Doc, emptyDoc } from '../model/document.ts';
import {
  getIn,
  removeIn,
  removeParam,
  setDocField,
  setEdgeParam,
  setIn,
  setLocalized,
  setNodeField,
  setParam,
} from './fieldPaths.ts';

function docWithNodes(): Doc {
  return {
    ...emptyDoc(),
    nodes: [
      { id: 'users', kind: 'client', params: { rateRps: 100 } },
      {
        id: 'api',
        kind: 'service',
        params: { replicas: 2, serviceTimeMs: { dist: 'exponential', mean: 5 } },
      },
    ],
    edges: [{ id: 'e1', source: 'users', target: 'api', params: {} }],
  };
}

describe('setIn / removeIn', () => {
  it('copies only the objects along the path', () => {
    const root = { a: { b: 1 }, c: { d: 2 } };
    const out = setIn(root, ['a', 'b'], 3);
    expect(out).toEqual({ a: { b: 3 }, c: { d: 2 } });
    expect(root.a.b).toBe(1);
    expect(out.c).toBe(root.c);
    expect(out.a).not.toBe(root.a);
  });

  it('returns the same object when the value is already there, or a missing key is removed', () => {
    const root = { a: { b: 1 } };
    expect(setIn(root, ['a', 'b'], 1)).toBe(root);
    expect(setIn(root, ['a', 'x'], undefined)).toBe(root);
    expect(setIn(root, ['x', 'y'], undefined)).toBe(root);
  });

  it('creates missing objects and arrays', () => {
    expect(setIn({}, ['retries', 'max'], 2)).toEqual({ retries: { max: 2 } });
    expect(setIn({}, ['list', 0, 'x'], 1)).toEqual({ list: [{ x: 1 }] });
  });

  it('copies arrays it passes through', () => {
    const root = { list: [{ x: 1 }, { x: 2 }] };
    const out = setIn(root, ['list', 1, 'x'], 5);
    expect(out.list).toEqual([{ x: 1 }, { x: 5 }]);
    expect(out.list[0]).toBe(root.list[0]);
    expect(root.list[1].x).toBe(2);
  });

  it('removeIn drops objects it leaves empty, but not the root', () => {
    expect(removeIn({ keys: { count: 5 }, a: 1 }, ['keys', 'count'])).toEqual({ a: 1 });
    expect(removeIn({ keys: { count: 5, zipfS: 1 } }, ['keys', 'count'])).toEqual({ keys: { zipfS: 1 } });
    expect(removeIn({ a: 1 }, ['a'])).toEqual({});
  });

  it('getIn reads nested values and tolerates missing steps', () => {
    expect(getIn({ a: [{ b: 3 }] }, ['a', 0, 'b'])).toBe(3);
    expect(getIn({ a: 1 }, ['a', 'b', 'c'])).toBeUndefined();
  });
});

describe('setParam / removeParam', () => {
  it('sets a nested parameter without touching the original document', () => {
    const doc = docWithNodes();
    const frozen = structuredClone(doc);
    const out = setParam(doc, 'api', ['autoscale', 'min'], 2);
    expect(out.nodes[1].params).toMatchObject({ replicas: 2, autoscale: { min: 2 } });
    expect(doc).toEqual(frozen);
    expect(out.nodes[0]).toBe(doc.nodes[0]);
    expect(out.edges).toBe(doc.edges);
  });

  it('removes a parameter (an empty optional field) and returns the same doc for no-ops', () => {
    const doc = docWithNodes();
    const out = removeParam(doc, 'api', ['replicas']);
    expect(out.nodes[1].params).toEqual({ serviceTimeMs: { dist: 'exponential', mean: 5 } });
    expect(removeParam(out, 'api', ['replicas'])).toBe(out);
    expect(setParam(doc, 'api', ['replicas'], 2)).toBe(doc);
    expect(setParam(doc, 'nobody', ['replicas'], 3)).toBe(doc);
  });

  it('edits edge parameters, node fields and document fields', () => {
    const doc = docWithNodes();
    expect(setEdgeParam(doc, 'e1', ['retries', 'max'], 3).edges?.[0].params).toEqual({ retries: { max: 3 } });
    expect(setNodeField(doc, 'api', 'region', 'eu').nodes[1].region).toBe('eu');
    expect('region' in setNodeField(doc, 'api', 'region', undefined).nodes[1]).toBe(false);
    expect(setDocField(doc, ['scenario', 'seed'], 7).scenario).toMatchObject({ seed: 7, durationSec: 120 });
  });
});

describe('setLocalized', () => {
  it('keeps plain strings plain and per-locale objects per locale', () => {
    expect(setLocalized('Shop', 'en', 'Store')).toBe('Store');
    expect(setLocalized(undefined, 'zh-CN', '商店')).toBe('商店');
    expect(setLocalized({ en: 'Shop', 'zh-CN': '商店' }, 'zh-CN', '网店')).toEqual({
      en: 'Shop',
      'zh-CN': '网店',
    });
  });

  it('an empty text removes the locale, or the whole text', () => {
    expect(setLocalized('Shop', 'en', '')).toBeUndefined();
    expect(setLocalized({ en: 'Shop', 'zh-CN': '商店' }, 'zh-CN', '')).toEqual({ en: 'Shop' });
    expect(setLocalized({ en: 'Shop' }, 'en', '')).toBeUndefined();
  });
});
