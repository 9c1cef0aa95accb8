import { beforeEach, describe, expect, it } from 'vitest';
import { commandHarness, twoNodes } from '../testing/harness.ts';
import { clearClipboard } from './clipboard.ts';

/** The Edit commands, through the dispatcher, on the app's store. */

let h: ReturnType<typeof commandHarness>;
beforeEach(() => {
  h = commandHarness();
  h.store.getState().load(twoNodes(), null);
  clearClipboard();
});
const doc = () => h.store.getState().doc;
const selection = () => h.store.getState().selection;
const position = (id: string) => doc().nodes.find((n) => n.id === id)?.position;

describe('edit commands', () => {
  it('Duplicate copies the selected nodes and the edges among them, selects the copies, one undo step', async () => {
    h.store.getState().select(['client', 'service', 'client->service']);
    await h.run('edit.duplicate', 'keyboard');
    expect(doc().nodes.map((n) => n.id)).toEqual(['client', 'service', 'client-1', 'service-1']);
    expect(doc().edges?.map((e) => [e.source, e.target])).toEqual([
      ['client', 'service'],
      ['client-1', 'service-1'],
    ]);
    expect(selection()).toEqual(['client-1', 'service-1']);
    expect(position('client-1')).toEqual({ x: 80, y: 80 });
    h.store.getState().undo();
    expect(doc().nodes).toHaveLength(2);
  });

  it('Duplicate with no node selected does not apply', async () => {
    h.store.getState().select(['client->service']);
    expect(await h.run('edit.duplicate')).toBe(false);
    expect(doc().nodes).toHaveLength(2);
  });

  it('each Paste goes one step further; Paste at a point puts the copies there, in the region there', async () => {
    h.store.getState().select(['service']);
    await h.run('edit.copy');
    await h.run('edit.paste');
    await h.run('edit.paste');
    expect(position('service-1')).toEqual({ x: 300, y: 80 });
    expect(position('service-2')).toEqual({ x: 340, y: 120 });
    await h.run('edit.paste', 'context', { at: { x: 1000, y: 500 } });
    expect(position('service-3')).toEqual({ x: 1000, y: 500 });
    // Outside the region's box: no longer in it.
    expect(doc().nodes.find((n) => n.id === 'service-3')?.region).toBeUndefined();
    expect(doc().nodes.find((n) => n.id === 'service-1')?.region).toBe('eu');
    expect(selection()).toEqual(['service-3']);
  });

  it('Cut then Paste brings the node back as a copy', async () => {
    h.store.getState().select(['service']);
    await h.run('edit.cut');
    expect(doc().nodes.map((n) => n.id)).toEqual(['client']);
    expect(doc().edges).toEqual([]);
    await h.run('edit.paste');
    expect(doc().nodes.map((n) => n.kind)).toEqual(['client', 'service']);
  });

  it('Escape’s Select None clears the selection without touching history', async () => {
    h.store.getState().select(['client']);
    await h.run('edit.selectNone', 'keyboard');
    expect(selection()).toEqual([]);
    expect(h.store.getState().past).toEqual([]);
    expect(await h.run('edit.selectNone', 'keyboard')).toBe(false);
  });

  it('Select All selects every node and edge', async () => {
    await h.run('edit.selectAll');
    expect(selection()).toEqual(['client', 'service', 'client->service']);
  });

  it('Rename applies to one node or one region, and starts editing its name on the canvas', async () => {
    h.store.getState().select(['client', 'service']);
    expect(await h.run('edit.rename')).toBe(false);
    h.store.getState().select(['region:eu']);
    await h.run('edit.rename');
    expect(h.store.getState().renaming).toBe('region:eu');
  });

  it('Add here centres a node on the point, on the grid, and selects it', async () => {
    await h.run('edit.addNode', 'context', { kind: 'cache', at: { x: 1003, y: 611 } });
    const cache = doc().nodes.find((n) => n.kind === 'cache');
    expect(cache?.position).toEqual({ x: 920, y: 580 });
    expect(selection()).toEqual([cache?.id]);
    await h.run('edit.addNode', 'context', { kind: 'region', at: { x: 700, y: 40 } });
    expect(doc().regions?.map((r) => r.position)).toEqual([
      { x: 0, y: 0 },
      { x: 700, y: 40 },
    ]);
    expect(selection()).toEqual(['region:region-1']);
    // Nonsense from a context menu changes nothing.
    const before = doc();
    await h.run('edit.addNode', 'context', { kind: 'toaster', at: { x: 0, y: 0 } });
    await h.run('edit.addNode', 'context', { kind: 'cache' });
    expect(doc()).toBe(before);
  });
});
