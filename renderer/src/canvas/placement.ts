export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space kept between a new node and its neighbours, in flow pixels: room for an edge and its label. */
const CLEARANCE = 40;
const GRID = 20;

const overlaps = (a: Box, b: Box, margin: number) =>
  a.x < b.x + b.width + margin &&
  b.x < a.x + a.width + margin &&
  a.y < b.y + b.height + margin &&
  b.y < a.y + a.height + margin;

const snap = (v: number) => Math.round(v / GRID) * GRID;

/**
 * Where a node of `size` added by a click goes: the free spot nearest the middle of `view` (the visible
 * part of the canvas, in flow coordinates) that lies wholly inside it, clear of every box in `taken`.
 * When the view has no such spot, the first free spot right of everything, which the caller then
 * brings into view. Positions are on the 20 px grid.
 */
export function freeSpot(
  view: Box,
  taken: readonly Box[],
  size: { width: number; height: number },
): {
  x: number;
  y: number;
  visible: boolean;
} {
  const free = (b: Box) => taken.every((t) => !overlaps(b, t, CLEARANCE));
  const cx = view.x + view.width / 2 - size.width / 2;
  const cy = view.y + view.height / 2 - size.height / 2;
  // Candidates on the grid, nearest the middle first (ties broken by position, so the choice is stable).
  const candidates: { x: number; y: number; d: number }[] = [];
  for (let x = snap(view.x) + GRID; x + size.width <= view.x + view.width; x += GRID) {
    for (let y = snap(view.y) + GRID; y + size.height <= view.y + view.height; y += GRID) {
      if (x < view.x || y < view.y) continue;
      candidates.push({ x, y, d: (x - cx) ** 2 + (y - cy) ** 2 });
    }
  }
  candidates.sort((a, b) => a.d - b.d || a.y - b.y || a.x - b.x);
  for (const c of candidates) {
    if (free({ x: c.x, y: c.y, ...size })) return { x: c.x, y: c.y, visible: true };
  }
  const right = taken.length > 0 ? Math.max(...taken.map((t) => t.x + t.width)) : view.x;
  const top = taken.length > 0 ? Math.min(...taken.map((t) => t.y)) : view.y;
  return { x: snap(right + CLEARANCE + GRID), y: snap(top), visible: false };
}
