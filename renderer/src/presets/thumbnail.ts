import { DEFAULT_REGION_SIZE } from '../canvas/flowModel.ts';
import type { Doc } from '../model/document.ts';

/** A node's box on the canvas: the fixed node width and about its height with one badge row. */
export const NODE_BOX = { width: 180, height: 60 } as const;

export interface ThumbRect {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface ThumbNode extends ThumbRect {
  kind: string;
}
export interface ThumbLine {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
export interface Thumbnail {
  regions: ThumbRect[];
  nodes: ThumbNode[];
  edges: ThumbLine[];
}

/**
 * The topology drawn small: nodes and regions at their canvas positions (nodes without one where the
 * canvas would put them), scaled uniformly to fit `width` × `height` less `padPx`, and centred; edges
 * as lines between node centres. Node boxes never shrink below 3 px so a big system still shows dots.
 */
export function thumbnail(doc: Doc, width: number, height: number, padPx = 6): Thumbnail {
  const nodes = doc.nodes.map((n, i) => ({
    id: n.id,
    kind: n.kind as string,
    ...(n.position ?? { x: 80 + (i % 5) * 220, y: 80 + Math.floor(i / 5) * 160 }),
    ...NODE_BOX,
  }));
  const regions = (doc.regions ?? []).map((r, i) => ({
    id: r.id,
    ...(r.position ?? { x: 40 + i * 460, y: 360 }),
    width: r.size?.width ?? DEFAULT_REGION_SIZE.width,
    height: r.size?.height ?? DEFAULT_REGION_SIZE.height,
  }));
  const all = [...regions, ...nodes];
  if (all.length === 0) return { regions: [], nodes: [], edges: [] };
  const minX = Math.min(...all.map((b) => b.x));
  const minY = Math.min(...all.map((b) => b.y));
  const spanX = Math.max(...all.map((b) => b.x + b.width)) - minX;
  const spanY = Math.max(...all.map((b) => b.y + b.height)) - minY;
  const scale = Math.min((width - 2 * padPx) / spanX, (height - 2 * padPx) / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  const place = <T extends ThumbRect>(b: T, minPx: number): T => {
    const w = Math.max(minPx, b.width * scale);
    const h = Math.max(minPx, b.height * scale);
    const cx = offX + (b.x - minX + b.width / 2) * scale;
    const cy = offY + (b.y - minY + b.height / 2) * scale;
    return { ...b, x: cx - w / 2, y: cy - h / 2, width: w, height: h };
  };
  const placedNodes = nodes.map((n) => place(n, 3));
  const byId = new Map(placedNodes.map((n) => [n.id, n]));
  const edges: ThumbLine[] = [];
  for (const e of doc.edges ?? []) {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    if (!a || !b) continue;
    edges.push({
      id: e.id,
      x1: a.x + a.width / 2,
      y1: a.y + a.height / 2,
      x2: b.x + b.width / 2,
      y2: b.y + b.height / 2,
    });
  }
  return { regions: regions.map((r) => place(r, 0)), nodes: placedNodes, edges };
}
