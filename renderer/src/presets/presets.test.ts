import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePresets } from './catalog.ts';
import { groupPresets } from './groupPresets.ts';
import { thumbnail } from './thumbnail.ts';

const dir = new URL('./fixtures/', import.meta.url);
const texts = Object.fromEntries(
  readdirSync(dir).map((f) => [`../../../presets/${f}`, readFileSync(new URL(f, dir), 'utf8')]),
);

describe('the preset catalog', () => {
  it('keeps valid *.archsim.json files with their stage, and leaves out the rest', () => {
    const presets = parsePresets({
      ...texts,
      'presets/broken.archsim.json': '{ "format": ',
      'presets/invalid.archsim.json': '{"format":"archsim.topology","version":1,"nodes":[{"id":1}]}',
      'presets/readme.md': '# not a preset',
    });
    expect(presets.map((p) => p.file).sort()).toEqual([
      'fixture-after.archsim.json',
      'fixture-before.archsim.json',
      'fixture-startup.archsim.json',
    ]);
    expect(presets.find((p) => p.file === 'fixture-startup.archsim.json')?.stage).toBe('startup');
  });

  it('groups by stage in story order, a pair side by side with its before first', () => {
    const presets = parsePresets(texts);
    const unstaged = { ...presets[0], file: 'zz.archsim.json', stage: null };
    const groups = groupPresets([...presets, unstaged]);
    expect(groups.map((g) => g.stage)).toEqual(['startup', 'growth', 'other']);
    expect(groups[1].presets.map((p) => p.file)).toEqual([
      'fixture-before.archsim.json',
      'fixture-after.archsim.json',
    ]);
    expect(groupPresets([])).toEqual([]);
  });
});

describe('preset thumbnails', () => {
  const doc = parsePresets(texts)[0].doc;

  it('fits the topology in the box, centred, keeping its proportions', () => {
    const thumb = thumbnail(doc, 120, 60, 6);
    expect(thumb.nodes).toHaveLength(3);
    const left = Math.min(...thumb.nodes.map((n) => n.x));
    const right = Math.max(...thumb.nodes.map((n) => n.x + n.width));
    const top = Math.min(...thumb.nodes.map((n) => n.y));
    const bottom = Math.max(...thumb.nodes.map((n) => n.y + n.height));
    // Nodes span 620 × 160 canvas px: the width limits the scale (108 / 620).
    expect(left).toBeCloseTo(6);
    expect(right).toBeCloseTo(114);
    expect((top + bottom) / 2).toBeCloseTo(30);
    expect(thumb.nodes[0].width / thumb.nodes[0].height).toBeCloseTo(180 / 60);
  });

  it('draws edges between node centres and skips dangling ones', () => {
    const thumb = thumbnail(
      { ...doc, edges: [...(doc.edges ?? []), { id: 'x', source: 'client', target: 'gone', params: {} }] },
      120,
      60,
    );
    const [client, service] = thumb.nodes;
    expect(thumb.edges.map((e) => e.id)).toEqual(['c-s', 's-d']);
    expect(thumb.edges[0]).toMatchObject({
      x1: client.x + client.width / 2,
      y1: client.y + client.height / 2,
      x2: service.x + service.width / 2,
    });
  });

  it('keeps the nodes of a wide system visible visible and draws nothing for an empty one', () => {
    const many = {
      ...doc,
      nodes: Array.from({ length: 40 }, (_, i) => ({
        ...doc.nodes[1],
        id: `s${i}`,
        position: { x: i * 2000, y: 0 },
      })),
      edges: [],
    };
    expect(Math.min(...thumbnail(many, 120, 60).nodes.map((n) => n.width))).toBe(3);
    expect(thumbnail({ ...doc, nodes: [], edges: [] }, 120, 60)).toEqual({
      regions: [],
      nodes: [],
      edges: [],
    });
  });
});
