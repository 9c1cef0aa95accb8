import { describe, expect, it } from 'vitest';
import { addNodeOfKind, moveNodes } from '../canvas/edits.ts';
import { type Doc, emptyDoc } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { changedSince } from './stale.ts';

function withService(): Doc {
  return addNodeOfKind(emptyDoc(), 'service', { x: 0, y: 0 }).doc;
}

describe('whether an answer is about the document shown', () => {
  it('is current without a source, for the same document, and after a move only', () => {
    const doc = withService();
    expect(changedSince(null, doc)).toBe(false);
    expect(changedSince(doc, doc)).toBe(false);
    const id = doc.nodes[0].id;
    expect(changedSince(doc, moveNodes(doc, new Map([[id, { x: 300, y: 40 }]])))).toBe(false);
  });

  it('is out of date after an edit the simulation reads, and current again for equal content', () => {
    const doc = withService();
    const edited: Doc = { ...doc, scenario: { ...doc.scenario, durationSec: 999 } };
    expect(changedSince(doc, edited)).toBe(true);
    expect(changedSince(doc, structuredClone(doc))).toBe(false);
  });

  it('follows the store: an edit makes a limit answer stale, and undo makes it current again', () => {
    useStore.setState(useStore.getInitialState(), true);
    const s = useStore.getState();
    s.load(withService(), null);
    const searched = useStore.getState().doc;
    s.limitDispatch({ type: 'start', slos: ['p99<100ms'], baseRps: 10, doc: searched });
    expect(useStore.getState().limit.doc).toBe(searched);
    s.change((d) => ({ ...d, nodes: d.nodes.map((n) => ({ ...n, label: 'renamed' })) }));
    expect(changedSince(useStore.getState().limit.doc, useStore.getState().doc)).toBe(true);
    useStore.getState().undo();
    expect(changedSince(useStore.getState().limit.doc, useStore.getState().doc)).toBe(false);
  });
});
