import { describe, expect, it } from 'vitest';
import { type Box, freeSpot } from './placement.ts';

const SIZE = { width: 180, height: 104 };
const view: Box = { x: 0, y: 0, width: 1000, height: 500 };
const box = (p: { x: number; y: number }): Box => ({ ...p, ...SIZE });
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const within = (a: Box, v: Box) =>
  a.x >= v.x && a.y >= v.y && a.x + a.width <= v.x + v.width && a.y + a.height <= v.y + v.height;

describe('freeSpot', () => {
  it('puts the first node in the middle of the view', () => {
    const p = freeSpot(view, [], SIZE);
    expect(p.visible).toBe(true);
    expect(Math.abs(p.x + SIZE.width / 2 - 500)).toBeLessThanOrEqual(20);
    expect(Math.abs(p.y + SIZE.height / 2 - 250)).toBeLessThanOrEqual(20);
  });

  it('adds node after node inside the view, never on one another', () => {
    const taken: Box[] = [];
    for (let i = 0; i < 5; i++) {
      const p = freeSpot(view, taken, SIZE);
      expect(p.visible, `node ${i}`).toBe(true);
      const b = box(p);
      expect(within(b, view)).toBe(true);
      for (const t of taken) expect(overlap(b, t)).toBe(false);
      taken.push(b);
    }
  });

  it('follows the view: a panned view gets the node where it looks', () => {
    const panned = { x: 2000, y: -500, width: 800, height: 400 };
    expect(within(box(freeSpot(panned, [], SIZE)), panned)).toBe(true);
  });

  it('goes right of everything when the view is full, and says it is out of view', () => {
    const wall = { x: -100, y: -100, width: 1200, height: 700 };
    const p = freeSpot(view, [wall], SIZE);
    expect(p.visible).toBe(false);
    expect(p.x).toBeGreaterThanOrEqual(1100);
  });
});
