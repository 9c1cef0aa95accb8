// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Doc, emptyDoc } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { Inspector } from './Inspector.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;

function docWith(circuitBreaker: Record<string, unknown>): Doc {
  return {
    ...emptyDoc(),
    nodes: [
      { id: 'api', kind: 'service', params: { replicas: 4, serviceTimeMs: { dist: 'constant', value: 1 } } },
      { id: 'dep', kind: 'service', params: { serviceTimeMs: { dist: 'constant', value: 1 } } },
    ],
    edges: [{ id: 'call', source: 'api', target: 'dep', params: { circuitBreaker } }],
  } as Doc;
}

function show(doc: Doc, locale: 'en' | 'zh-CN' = 'en') {
  act(() => {
    useStore.getState().load(doc, null);
    useStore.setState({ locale });
    useStore.getState().select(['call']);
  });
}

/** The control a label names, by the label's text. */
function field(label: string): HTMLSelectElement | null {
  const named = [...container.querySelectorAll('label')].find((l) => l.textContent === label);
  return named ? container.querySelector<HTMLSelectElement>(`[id="${named.htmlFor}"]`) : null;
}

function choose(select: HTMLSelectElement, value: string) {
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const breaker = () => useStore.getState().doc.edges?.[0].params?.circuitBreaker;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(<Inspector />));
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('the circuit breaker’s scope in the edge inspector', () => {
  it('shows shared by default, stores perInstance when chosen and removes the key for shared', () => {
    show(docWith({ errorRatio: 0.5 }));
    const scope = field('Scope');
    expect(scope?.value).toBe('shared');
    expect([...(scope?.options ?? [])].map((o) => o.textContent)).toEqual(['shared', 'per caller instance']);
    if (!scope) return;
    choose(scope, 'perInstance');
    expect(breaker()).toEqual({ errorRatio: 0.5, scope: 'perInstance' });
    choose(scope, 'shared');
    expect(breaker()).toEqual({ errorRatio: 0.5 });
  });

  it('is worded in Chinese, and shows a scope the validator refuses with its message', () => {
    show(docWith({ errorRatio: 0.5, scope: 'perReplica' }), 'zh-CN');
    const scope = field('作用范围');
    expect(scope?.value).toBe('perReplica');
    expect(scope?.getAttribute('aria-invalid')).toBe('true');
  });
});
