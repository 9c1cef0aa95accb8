import type { ELK, ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import type { Doc, DocNode, DocRegion } from './document.ts';

export interface Size {
  width: number;
  height: number;
}

/** What a node measures on the canvas (`.arch-node` has a fixed size); used until React Flow has measured it. */
export const NODE_SIZE: Size = { width: 180, height: 104 };

/** Room inside a region's box: its title on top, a margin on the other sides. */
const REGION_PADDING = '[top=44,left=24,bottom=24,right=24]';

/**
 * ELK's layered algorithm, left to right, as React Flow's own ELK example sets it up, with regions as
 * compound nodes laid out together with the rest (`INCLUDE_CHILDREN`, so an edge into a region is
 * routed like any other). The gap between layers leaves room for an edge's rate label; the model-order
 * options make the result depend on the document's order only, never on chance.
 */
const SPACING: LayoutOptions = {
  'elk.layered.spacing.nodeNodeBetweenLayers': '110',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.componentComponent': '60',
};

const LAYOUT: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  ...SPACING,
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
  'elk.randomSeed': '1',
};

/**
 * A layout both wider than this and far wider than tall is laid out again with its layers wrapped into
 * rows, aiming at a canvas's shape: a 17-service chain in one row would be too small to read at
 * fit-view, while a six-node chain still reads at half size on a laptop's canvas.
 */
const MAX_WIDTH = 1800;
const MAX_ASPECT = 3.5;
const WRAPPED: LayoutOptions = { 'elk.layered.wrapping.strategy': 'MULTI_EDGE', 'elk.aspectRatio': '2' };

const regionKey = (id: string) => `region\u0000${id}`;

/**
 * Lays the document out with ELK: every node at a new position, every region's box refitted around
 * its members (an empty region keeps its size and is placed like a node), so regions never overlap
 * and each one holds its nodes. `sizes` are the nodes' measured sizes (NODE_SIZE where missing).
 * Returns a new document; positions are whole pixels.
 */
export async function autoLayout(
  doc: Doc,
  elk: ELK,
  sizes: ReadonlyMap<string, Size> = new Map(),
): Promise<Doc> {
  if (doc.nodes.length === 0) return doc;
  const regions = doc.regions ?? [];
  const known = new Set(regions.map((r) => r.id));
  const regionOf = (n: DocNode) => (n.region !== undefined && known.has(n.region) ? n.region : undefined);
  const leaf = (n: DocNode): ElkNode => ({ id: n.id, ...(sizes.get(n.id) ?? NODE_SIZE) });
  const compound = (r: DocRegion): ElkNode => {
    const members = doc.nodes.filter((n) => regionOf(n) === r.id).map(leaf);
    if (members.length === 0)
      return { id: regionKey(r.id), width: r.size?.width ?? 420, height: r.size?.height ?? 300 };
    return {
      id: regionKey(r.id),
      // Spacing is per container: a region's layers get the same room for edge labels as the top's.
      layoutOptions: { ...SPACING, 'elk.padding': REGION_PADDING },
      children: members,
      edges: [],
    };
  };
  const containers = new Map(regions.map((r) => [r.id, compound(r)]));
  const root: ElkNode = {
    id: 'root',
    layoutOptions: LAYOUT,
    children: [...doc.nodes.filter((n) => regionOf(n) === undefined).map(leaf), ...containers.values()],
    edges: [],
  };
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  for (const e of doc.edges ?? []) {
    const source = byId.get(e.source);
    const target = byId.get(e.target);
    if (!source || !target || source === target) continue;
    // An edge belongs to the innermost container holding both ends.
    const inside = regionOf(source) !== undefined && regionOf(source) === regionOf(target);
    const owner = inside ? containers.get(regionOf(source)!)! : root;
    (owner.edges as ElkExtendedEdge[]).push({ id: e.id, sources: [e.source], targets: [e.target] });
  }
  let laid = await elk.layout(root);
  const width = laid.width ?? 0;
  if (width > MAX_WIDTH && width > MAX_ASPECT * (laid.height ?? 1)) {
    laid = await elk.layout({ ...root, layoutOptions: { ...LAYOUT, ...WRAPPED } });
  }
  const positions = new Map<string, { x: number; y: number }>();
  const boxes = new Map<string, { position: { x: number; y: number }; size: Size }>();
  const visit = (node: ElkNode, dx: number, dy: number) => {
    for (const child of node.children ?? []) {
      const x = Math.round(dx + (child.x ?? 0));
      const y = Math.round(dy + (child.y ?? 0));
      if (child.id.startsWith(regionKey(''))) {
        const size = { width: Math.round(child.width ?? 0), height: Math.round(child.height ?? 0) };
        boxes.set(child.id.slice(regionKey('').length), { position: { x, y }, size });
        visit(child, x, y);
      } else positions.set(child.id, { x, y });
    }
  };
  visit(laid, 0, 0);
  return {
    ...doc,
    nodes: doc.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position }) as DocNode),
    regions: regions.map((r) => ({ ...r, ...boxes.get(r.id) })),
  };
}
