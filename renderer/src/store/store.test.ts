import { describe, expect, it } from 'vitest';
import { addNodeOfKind } from '../canvas/edits.ts';
import { type Doc, emptyDoc } from '../model/document.ts';
import { shownWindow } from './runSlice.ts';
import { createStore } from './store.ts';

describe('the editor store', () => {
  it('undoes and redoes document changes, and marks the document dirty', () => {
    const store = createStore();
    const s = store.getState;
    s().change((d) => addNodeOfKind(d, 'service', { x: 0, y: 0 }).doc);
    s().change((d) => addNodeOfKind(d, 'cache', { x: 0, y: 0 }).doc);
    expect(s().doc.nodes.map((n) => n.id)).toEqual(['service-1', 'cache-1']);
    expect(s().dirty).toBe(true);
    s().undo();
    expect(s().doc.nodes.map((n) => n.id)).toEqual(['service-1']);
    s().redo();
    expect(s().doc.nodes.map((n) => n.id)).toEqual(['service-1', 'cache-1']);
  });

  it('keeps the redo stack when only the selection changes, and records a gesture once', () => {
    const store = createStore();
    const s = store.getState;
    s().change((d) => addNodeOfKind(d, 'service', { x: 0, y: 0 }).doc);
    s().undo();
    s().select(['x']);
    expect(s().future).toHaveLength(1);
    s().redo();
    // A drag: one undo mark at its start, many silent moves.
    s().beginGesture();
    for (let i = 1; i <= 5; i++)
      s().changeSilently((d) => ({ ...d, nodes: d.nodes.map((n) => ({ ...n, position: { x: i, y: i } })) }));
    s().endGesture();
    expect(s().past).toHaveLength(2);
    s().undo();
    expect(s().doc.nodes[0].position).toEqual({ x: 0, y: 0 });
  });

  it('loading a document clears history, selection and results', () => {
    const store = createStore();
    const s = store.getState;
    s().change((d) => addNodeOfKind(d, 'service', { x: 0, y: 0 }).doc);
    s().select(['service-1']);
    s().load({ ...s().doc, nodes: [] }, 'x.archsim.json');
    expect(s().past).toEqual([]);
    expect(s().selection).toEqual([]);
    expect(s().dirty).toBe(false);
    expect(s().fileName).toBe('x.archsim.json');
  });
});

describe('history marks', () => {
  const moveTo = (x: number) => (d: Doc) => ({
    ...d,
    nodes: d.nodes.map((n) => ({ ...n, position: { x, y: 0 } })),
  });

  it('records nothing for a drag that ends where it began, and leaves the document clean', () => {
    const store = createStore();
    const s = store.getState;
    s().load(addNodeOfKind(emptyDoc(), 'service', { x: 0, y: 0 }).doc, 'x.archsim.json');
    const saved = s().doc;
    s().beginGesture();
    s().changeSilently(moveTo(40));
    s().changeSilently(moveTo(0));
    expect(s().dirty).toBe(true);
    s().endGesture();
    expect(s().past).toEqual([]);
    expect(s().doc).toBe(saved);
    expect(s().dirty).toBe(false);
  });

  it('clears the dirty mark when undo or redo reaches the saved document again', () => {
    const store = createStore();
    const s = store.getState;
    s().load(addNodeOfKind(emptyDoc(), 'service', { x: 0, y: 0 }).doc, 'x.archsim.json');
    s().change(moveTo(20));
    s().markSaved('x.archsim.json', s().doc);
    s().change(moveTo(40));
    expect(s().dirty).toBe(true);
    s().undo();
    expect(s().dirty).toBe(false);
    s().undo();
    expect(s().dirty).toBe(true);
    s().redo();
    expect(s().dirty).toBe(false);
    s().redo();
    expect(s().dirty).toBe(true);
  });

  it('stays dirty after a save when the document changed while it was being written', () => {
    const store = createStore();
    const s = store.getState;
    const written = s().doc;
    s().change(() => addNodeOfKind(written, 'cache', { x: 0, y: 0 }).doc);
    s().markSaved('x.archsim.json', written);
    expect(s().dirty).toBe(true);
    s().undo();
    expect(s().dirty).toBe(false);
  });

  it('never makes a document that was never saved clean by undoing', () => {
    const store = createStore();
    const s = store.getState;
    s().load(emptyDoc(), null, true);
    s().change(moveTo(20));
    s().undo();
    expect(s().dirty).toBe(true);
  });
});

describe('replay in the store', () => {
  it('clamps the replayed window to the run, shows it, and clears it with the run', () => {
    const store = createStore();
    const s = store.getState;
    s().setReplay(3);
    expect(s().replayIndex).toBeNull();
    const windows = [0, 1, 2].map((i) => ({ startSec: i, endSec: i + 1, tag: i }) as never);
    s().receive({
      nowSec: 3,
      endSec: 3,
      windows,
      summary: {} as never,
      done: true,
      work: { events: 1, loopMs: 1, wallMs: 1 },
    });
    s().setReplay(1);
    expect(shownWindow(s())).toBe(windows[1]);
    s().setReplay(9);
    expect(s().replayIndex).toBe(2);
    s().setReplay(-4);
    expect(s().replayIndex).toBe(0);
    s().setReplay(null);
    expect(shownWindow(s())).toBe(windows[2]);
    s().setReplay(1);
    s().resetRun();
    expect(s().replayIndex).toBeNull();
  });
});
