import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regionBox } from '../canvas/flowModel.ts';
import { NODE_SIZE } from '../model/autoLayout.ts';
import type { Doc } from '../model/document.ts';

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

const dir = new URL('../../../presets/', import.meta.url);
const presets = readdirSync(dir)
  .filter((f) => f.endsWith('.archsim.json'))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Doc] as const);

// The layout the gallery opens (written by `npm run layout:presets`); the e2e test checks the same on
// screen with measured boxes.
describe.each(presets)('preset %s is laid out', (_, doc) => {
  const nodes = doc.nodes.map((n) => ({ id: n.id, region: n.region, box: { ...n.position!, ...NODE_SIZE } }));
  const regions = (doc.regions ?? []).map((r, i) => {
    const { position, size } = regionBox(doc, i);
    return { id: r.id, box: { ...position, ...size } };
  });

  it('with every node placed, none over another', () => {
    for (const n of doc.nodes) expect(n.position, n.id).toBeDefined();
    for (const a of nodes)
      for (const b of nodes) if (a.id < b.id) expect(overlap(a.box, b.box), `${a.id} ${b.id}`).toBe(false);
  });

  it('with each region holding its members and no other node, and no two regions overlapping', () => {
    for (const r of regions) {
      expect(doc.regions!.find((d) => d.id === r.id)!.size, `${r.id} has its own box`).toBeDefined();
      for (const n of nodes) {
        if (n.region === r.id) expect(inside(n.box, r.box), `${n.id} in ${r.id}`).toBe(true);
        else expect(overlap(n.box, r.box), `${n.id} outside ${r.id}`).toBe(false);
      }
      for (const o of regions) if (r.id < o.id) expect(overlap(r.box, o.box), `${r.id} ${o.id}`).toBe(false);
    }
  });
});
