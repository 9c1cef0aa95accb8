import { describe, expect, it } from 'vitest';
import { type Doc, emptyDoc } from '../model/document.ts';
import { addEdge, addNodeOfKind, duplicate, moveNodes, removeItems, setNodeRegion } from './edits.ts';
import { REGION_PREFIX } from './flowModel.ts';

function build(): Doc {
  let doc = emptyDoc();
  for (const [kind, x] of [
    ['client', 0],
    ['service', 300],
    ['database', 600],
  ] as const) {
    doc = addNodeOfKind(doc, kind, { x, y: 0 }).doc;
  }
  doc = addEdge(doc, 'client-1', 'service-1');
  return addEdge(doc, 'service-1', 'database-1');
}

describe('canvas edits', () => {
  it('adds nodes with fresh ids and working default parameters', () => {
    const doc = build();
    expect(doc.nodes.map((n) => n.id)).toEqual(['client-1', 'service-1', 'database-1']);
    expect(doc.edges!.map((e) => [e.source, e.target])).toEqual([
      ['client-1', 'service-1'],
      ['service-1', 'database-1'],
    ]);
    expect(addNodeOfKind(doc, 'service', { x: 0, y: 0 }).id).toBe('service-2');
  });

  it('removes a node with the edges that touched it, and never mutates the input', () => {
    const doc = build();
    const frozen = JSON.stringify(doc);
    const after = removeItems(doc, ['service-1']);
    expect(after.nodes.map((n) => n.id)).toEqual(['client-1', 'database-1']);
    expect(after.edges).toEqual([]);
    expect(JSON.stringify(doc)).toBe(frozen);
  });

  it('moves a region with the nodes inside it, and puts a dropped node in the region under it', () => {
    let doc = addNodeOfKind(build(), 'region', { x: 500, y: -100 }).doc;
    doc = setNodeRegion(doc, 'database-1', 650, 20);
    expect(doc.nodes.find((n) => n.id === 'database-1')!.region).toBe('region-1');
    const moved = moveNodes(doc, new Map([[`${REGION_PREFIX}region-1`, { x: 550, y: -50 }]]));
    expect(moved.nodes.find((n) => n.id === 'database-1')!.position).toEqual({ x: 650, y: 50 });
    expect(moved.nodes.find((n) => n.id === 'service-1')!.position).toEqual({ x: 300, y: 0 });
    const out = setNodeRegion(moved, 'database-1', -500, -500);
    expect(out.nodes.find((n) => n.id === 'database-1')!.region).toBeUndefined();
  });

  it('moving a node of a document without regions adds none (moving it back gives the same file)', () => {
    const { regions: _, ...plain } = build();
    const there = moveNodes(plain, new Map([['service-1', { x: 900, y: 0 }]]));
    expect('regions' in there).toBe(false);
    const back = moveNodes(
      there,
      new Map([['service-1', plain.nodes.find((n) => n.id === 'service-1')!.position!]]),
    );
    expect(JSON.stringify(back)).toBe(JSON.stringify(plain));
  });

  it('deleting a region keeps its nodes, outside any region', () => {
    let doc = addNodeOfKind(build(), 'region', { x: 500, y: -100 }).doc;
    doc = setNodeRegion(doc, 'database-1', 650, 20);
    const after = removeItems(doc, [`${REGION_PREFIX}region-1`]);
    expect(after.regions).toEqual([]);
    expect(after.nodes.find((n) => n.id === 'database-1')!.region).toBeUndefined();
  });

  it('duplicates the selection with the edges among it', () => {
    const { doc, ids } = duplicate(build(), ['service-1', 'database-1']);
    expect(ids).toEqual(['service-2', 'database-2']);
    expect(doc.edges!.some((e) => e.source === 'service-2' && e.target === 'database-2')).toBe(true);
    expect(doc.edges!.some((e) => e.source === 'client-1' && e.target === 'service-2')).toBe(false);
  });
});
