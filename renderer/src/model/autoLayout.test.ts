import { describe, expect, it } from 'vitest';
import { autoLayout } from './autoLayout.ts';
import { type Doc, emptyDoc } from './document.ts';

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

describe('autoLayout', () => {
  it('places each node one layer right of its furthest caller', () => {
    const out = autoLayout(
      doc(
        ['users', 'api', 'auth', 'db'],
        [
          ['users', 'api'],
          ['api', 'auth'],
          ['api', 'db'],
          ['auth', 'db'],
        ],
      ),
    );
    const x = (id: string) => out.nodes.find((n) => n.id === id)!.position!.x;
    expect(x('users')).toBeLessThan(x('api'));
    expect(x('api')).toBeLessThan(x('auth'));
    expect(x('auth')).toBeLessThan(x('db'));
  });

  it('gives no two nodes the same position', () => {
    const out = autoLayout(
      doc(
        ['users', 'a', 'b', 'c', 'd'],
        [
          ['users', 'a'],
          ['users', 'b'],
          ['users', 'c'],
          ['a', 'd'],
        ],
      ),
    );
    const keys = out.nodes.map((n) => `${n.position!.x},${n.position!.y}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('survives a cycle and fits each region around its nodes', () => {
    const out = autoLayout(
      doc(
        ['users', 'a', 'b'],
        [
          ['users', 'a'],
          ['a', 'b'],
          ['b', 'a'],
        ],
        { a: 'east', b: 'east' },
      ),
    );
    const region = out.regions!.find((r) => r.id === 'east')!;
    for (const id of ['a', 'b']) {
      const p = out.nodes.find((n) => n.id === id)!.position!;
      expect(p.x).toBeGreaterThan(region.position!.x);
      expect(p.y).toBeGreaterThan(region.position!.y);
      expect(p.x).toBeLessThan(region.position!.x + region.size!.width);
      expect(p.y).toBeLessThan(region.position!.y + region.size!.height);
    }
  });
});
