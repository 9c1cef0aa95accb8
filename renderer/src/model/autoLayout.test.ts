import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { autoLayout, NODE_SIZE } from './autoLayout.ts';
import { type Doc, emptyDoc } from './document.ts';

// The same ELK as the app's worker, run in this thread.
const elk = new ELK();

function doc(nodes: string[], edges: [string, string][], regions: Record<string, string> = {}): Doc {
  return {
    ...emptyDoc(),
    regions: [...new Set(Object.values(regions))].map((id) => ({ id })),
    nodes: nodes.map((id) => ({
      id,
      kind: id === 'users' ? 'client' : 'service',
      ...(regions[id] ? { region: regions[id] } : {}),
      params: id === 'users' ? { rateRps: 1 } : { serviceTimeMs: { dist: 'constant', value: 1 } },
    })) as Doc['nodes'],
    edges: edges.map(([source, target]) => ({ id: `${source}->${target}`, source, target })),
  };
}

type Box = { x: number; y: number; width: number; height: number };
const nodeBox = (d: Doc, id: string): Box => ({
  ...d.nodes.find((n) => n.id === id)!.position!,
  ...NODE_SIZE,
});
const regionBox = (d: Doc, id: string): Box => {
  const r = d.regions!.find((r) => r.id === id)!;
  return { ...r.position!, ...r.size! };
};
const inside = (a: Box, b: Box) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('autoLayout', () => {
  it('places each node right of its callers', async () => {
    const out = await autoLayout(
      doc(
        ['users', 'api', 'auth', 'db'],
        [
          ['users', 'api'],
          ['api', 'auth'],
          ['api', 'db'],
          ['auth', 'db'],
        ],
      ),
      elk,
    );
    const x = (id: string) => nodeBox(out, id).x;
    expect(x('users')).toBeLessThan(x('api'));
    expect(x('api')).toBeLessThan(x('auth'));
    expect(x('auth')).toBeLessThan(x('db'));
  });

  it('keeps nodes apart, with room for an edge label between layers', async () => {
    const ids = ['users', 'a', 'b', 'c', 'd'];
    const out = await autoLayout(
      doc(ids, [
        ['users', 'a'],
        ['users', 'b'],
        ['users', 'c'],
        ['a', 'd'],
      ]),
      elk,
    );
    for (const a of ids)
      for (const b of ids)
        if (a < b) expect(overlap(nodeBox(out, a), nodeBox(out, b)), `${a} ${b}`).toBe(false);
    expect(nodeBox(out, 'a').x - (nodeBox(out, 'users').x + NODE_SIZE.width)).toBeGreaterThanOrEqual(80);
  });

  it('uses measured sizes: a taller node pushes its neighbour further away', async () => {
    const d = doc(
      ['users', 'a', 'b'],
      [
        ['users', 'a'],
        ['users', 'b'],
      ],
    );
    const plain = await autoLayout(d, elk);
    const tall = await autoLayout(d, elk, new Map([['a', { width: 180, height: 300 }]]));
    const gap = (o: Doc) => Math.abs(nodeBox(o, 'a').y - nodeBox(o, 'b').y);
    expect(gap(tall)).toBeGreaterThan(gap(plain) + 150);
  });

  it('puts every node inside its own region, and no two regions over each other', async () => {
    const out = await autoLayout(
      doc(
        ['users', 'lb', 'a1', 'a2', 'b1', 'c1'],
        [
          ['users', 'lb'],
          ['lb', 'a1'],
          ['lb', 'b1'],
          ['lb', 'c1'],
          ['a1', 'a2'],
          ['b1', 'a2'],
        ],
        { a1: 'east', a2: 'east', b1: 'west', c1: 'south' },
      ),
      elk,
    );
    const members: Record<string, string[]> = { east: ['a1', 'a2'], west: ['b1'], south: ['c1'] };
    for (const [region, ids] of Object.entries(members)) {
      for (const id of ids)
        expect(inside(nodeBox(out, id), regionBox(out, region)), `${id} in ${region}`).toBe(true);
      for (const id of ['users', 'lb']) expect(overlap(nodeBox(out, id), regionBox(out, region))).toBe(false);
    }
    const names = Object.keys(members);
    for (const a of names)
      for (const b of names)
        if (a < b) expect(overlap(regionBox(out, a), regionBox(out, b)), `${a} ${b}`).toBe(false);
  });

  it('survives a cycle, and gives the same picture every time', async () => {
    const d = doc(
      ['users', 'a', 'b'],
      [
        ['users', 'a'],
        ['a', 'b'],
        ['b', 'a'],
      ],
    );
    const first = await autoLayout(d, elk);
    expect(await autoLayout(d, elk)).toEqual(first);
    expect(new Set(first.nodes.map((n) => `${n.position!.x},${n.position!.y}`)).size).toBe(3);
  });

  it('wraps a long chain into rows instead of one row too thin to read', async () => {
    const ids = ['users', ...Array.from({ length: 17 }, (_, i) => `hop${i}`)];
    const out = await autoLayout(
      doc(
        ids,
        ids.slice(1).map((id, i) => [ids[i], id]),
      ),
      elk,
    );
    const xs = out.nodes.map((n) => n.position!.x);
    const ys = out.nodes.map((n) => n.position!.y);
    const width = Math.max(...xs) - Math.min(...xs) + NODE_SIZE.width;
    const height = Math.max(...ys) - Math.min(...ys) + NODE_SIZE.height;
    expect(width / height).toBeLessThan(5);
  });

  it('keeps an empty region, at its size, clear of the nodes', async () => {
    const d = {
      ...doc(['users', 'a'], [['users', 'a']]),
      regions: [{ id: 'spare', size: { width: 300, height: 200 } }],
    };
    const out = await autoLayout(d, elk);
    expect(out.regions![0].size).toEqual({ width: 300, height: 200 });
    for (const id of ['users', 'a']) expect(overlap(nodeBox(out, id), regionBox(out, 'spare'))).toBe(false);
  });
});
