import { NODE_KINDS, type NodeKind } from '../../../sim-core/format/schema.ts';
import { NODE_SIZE } from '../model/autoLayout.ts';
import { type Doc, type DocNode, defaultParams, freshId } from '../model/document.ts';
import { DEFAULT_REGION_SIZE, REGION_PREFIX, regionAt, regionBox } from './flowModel.ts';

/**
 * Pure document edits behind the canvas gestures: each takes a document and returns a new one (or the
 * same one when nothing changes), so they are undoable and unit-testable.
 */

const KINDS = new Set<string>(NODE_KINDS);

/** Adds a node of `kind` (or a region) at `position`; a node dropped inside a region joins it. */
export function addNodeOfKind(
  doc: Doc,
  kind: string,
  position: { x: number; y: number },
): { doc: Doc; id: string } {
  if (kind === 'region') {
    const id = freshId(doc, 'region');
    const region = { id, label: id, position, size: DEFAULT_REGION_SIZE };
    return { doc: { ...doc, regions: [...(doc.regions ?? []), region] }, id };
  }
  if (!KINDS.has(kind)) return { doc, id: '' };
  const id = freshId(doc, kind === 'loadBalancer' ? 'lb' : kind);
  const node = { id, kind, label: id, position, params: defaultParams(kind as NodeKind) } as DocNode;
  const region = regionAt(doc, position.x + NODE_SIZE.width / 2, position.y + NODE_SIZE.height / 2);
  if (region) node.region = region;
  return { doc: { ...doc, nodes: [...doc.nodes, node] }, id };
}

export function addEdge(doc: Doc, source: string, target: string): Doc {
  const id = freshId(doc, `${source}->${target}`.replace(/\s/g, ''));
  return { ...doc, edges: [...(doc.edges ?? []), { id, source, target, params: {} }] };
}

/** Moves nodes (and regions, with the nodes inside them) to new positions. */
export function moveNodes(doc: Doc, moves: Map<string, { x: number; y: number }>): Doc {
  const shifts = new Map<string, { dx: number; dy: number }>();
  const regions = (doc.regions ?? []).map((r, i) => {
    const to = moves.get(REGION_PREFIX + r.id);
    if (!to) return r;
    // A region drawn around its members gets the box it was drawn with.
    const { position: from, size } = regionBox(doc, i);
    shifts.set(r.id, { dx: to.x - from.x, dy: to.y - from.y });
    return { ...r, position: to, size };
  });
  const nodes = doc.nodes.map((n) => {
    const to = moves.get(n.id);
    if (to) return { ...n, position: to };
    const shift = n.region !== undefined ? shifts.get(n.region) : undefined;
    if (shift && n.position && !moves.has(n.id)) {
      return { ...n, position: { x: n.position.x + shift.dx, y: n.position.y + shift.dy } };
    }
    return n;
  });
  // A document without regions keeps none: a drag that ends where it began leaves it as it was.
  return { ...doc, ...(doc.regions ? { regions } : {}), nodes };
}

export function resizeRegion(doc: Doc, regionId: string, size: { width: number; height: number }): Doc {
  return { ...doc, regions: (doc.regions ?? []).map((r) => (r.id === regionId ? { ...r, size } : r)) };
}

/** Puts node `id` in the region under its centre (x, y), or in none. */
export function setNodeRegion(doc: Doc, id: string, x: number, y: number): Doc {
  const region = regionAt(doc, x, y);
  const node = doc.nodes.find((n) => n.id === id);
  if (!node || node.region === region) return doc;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.id !== id) return n;
      const { region: _, ...rest } = n;
      return (region ? { ...rest, region } : rest) as DocNode;
    }),
  };
}

/** Removes nodes, edges and regions by id, with the edges that touched removed nodes. */
export function removeItems(doc: Doc, ids: readonly string[]): Doc {
  const gone = new Set(ids);
  const regionsGone = new Set(
    ids.filter((id) => id.startsWith(REGION_PREFIX)).map((id) => id.slice(REGION_PREFIX.length)),
  );
  const nodes = doc.nodes
    .filter((n) => !gone.has(n.id))
    .map((n) => {
      if (n.region === undefined || !regionsGone.has(n.region)) return n;
      const { region: _, ...rest } = n;
      return rest as DocNode;
    });
  const kept = new Set(nodes.map((n) => n.id));
  const edges = (doc.edges ?? []).filter((e) => !gone.has(e.id) && kept.has(e.source) && kept.has(e.target));
  const regions = (doc.regions ?? []).filter((r) => !regionsGone.has(r.id));
  return { ...doc, nodes, edges, regions };
}

/** Copies the selected nodes (and the edges among them) as new nodes offset by 40 px. */
export function duplicate(doc: Doc, ids: readonly string[]): { doc: Doc; ids: string[] } {
  const chosen = doc.nodes.filter((n) => ids.includes(n.id));
  if (chosen.length === 0) return { doc, ids: [] };
  let next = doc;
  const renamed = new Map<string, string>();
  for (const n of chosen) {
    const id = freshId(next, n.kind === 'loadBalancer' ? 'lb' : n.kind);
    renamed.set(n.id, id);
    const p = n.position ?? { x: 0, y: 0 };
    next = {
      ...next,
      nodes: [...next.nodes, { ...n, id, label: id, position: { x: p.x + 40, y: p.y + 40 } } as DocNode],
    };
  }
  for (const e of doc.edges ?? []) {
    const s = renamed.get(e.source);
    const t = renamed.get(e.target);
    if (s && t)
      next = {
        ...next,
        edges: [...(next.edges ?? []), { ...e, id: freshId(next, `${s}->${t}`), source: s, target: t }],
      };
  }
  return { doc: next, ids: [...renamed.values()] };
}
