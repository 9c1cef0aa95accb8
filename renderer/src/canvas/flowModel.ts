import type { Edge, Node } from '@xyflow/react';
import { MarkerType } from '@xyflow/react';
import type { NodeKind } from '../../../sim-core/format/schema.ts';
import type { Summary } from '../../../sim-core/results/types.ts';
import { NODE_SIZE } from '../model/autoLayout.ts';
import { type Doc, type DocRegion, textOf } from '../model/document.ts';

export type ArchNodeData = { kind: NodeKind; label: string; replicas?: number; tail: boolean };
export type ArchFlowNode = Node<ArchNodeData, NodeKind>;
export type RegionNodeData = { regionId: string; label: string; down: boolean };
export type RegionFlowNode = Node<RegionNodeData, 'region'>;
export type FlowNode = ArchFlowNode | RegionFlowNode;
export type TrafficFlowEdge = Edge<{ tail: boolean }, 'traffic'>;

export const REGION_PREFIX = 'region:';
export const DEFAULT_REGION_SIZE = { width: 420, height: 300 };
/** Room around a region's members when its box is drawn from them: its title on top. */
const REGION_PAD = { top: 44, side: 24 };

/**
 * Where region `index` is drawn: its own box when the document gives one; a region the document gives
 * no box (a hand-written file, an older preset) is drawn around its members, so it never looks empty
 * beside the nodes it holds; a region without box or members gets a default place.
 */
export function regionBox(
  doc: Doc,
  index: number,
): { position: { x: number; y: number }; size: { width: number; height: number } } {
  const r: DocRegion = (doc.regions ?? [])[index];
  if (r.position && r.size) return { position: r.position, size: r.size };
  const members = doc.nodes.filter((n) => n.region === r.id && n.position).map((n) => n.position!);
  if (members.length === 0) {
    return { position: r.position ?? { x: 40 + index * 460, y: 360 }, size: r.size ?? DEFAULT_REGION_SIZE };
  }
  const x = Math.min(...members.map((p) => p.x)) - REGION_PAD.side;
  const y = Math.min(...members.map((p) => p.y)) - REGION_PAD.top;
  const right = Math.max(...members.map((p) => p.x)) + NODE_SIZE.width + REGION_PAD.side;
  const bottom = Math.max(...members.map((p) => p.y)) + NODE_SIZE.height + REGION_PAD.side;
  return { position: { x, y }, size: { width: right - x, height: bottom - y } };
}

/** The hops that carry at least this share of the tail's time are highlighted. */
const TAIL_SHARE = 0.05;

export function tailHops(summary: Summary | null): Set<string> {
  const hops = new Set<string>();
  for (const h of summary?.tailAttribution.hops ?? []) if (h.share >= TAIL_SHARE) hops.add(h.hop);
  return hops;
}

/**
 * React Flow's nodes from the document (the store is the source of truth; React Flow only renders).
 * Regions come first so they draw beneath the nodes they hold.
 */
export function toFlowNodes(
  doc: Doc,
  selection: readonly string[],
  locale: string,
  tail: Set<string>,
  downRegions: Set<string>,
): FlowNode[] {
  const selected = new Set(selection);
  const regions: RegionFlowNode[] = (doc.regions ?? []).map((r, i) => {
    const box = regionBox(doc, i);
    return {
      id: REGION_PREFIX + r.id,
      type: 'region',
      position: box.position,
      width: box.size.width,
      height: box.size.height,
      zIndex: -1,
      selected: selected.has(REGION_PREFIX + r.id),
      data: { regionId: r.id, label: textOf(r.label, locale) || r.id, down: downRegions.has(r.id) },
    };
  });
  const nodes: ArchFlowNode[] = doc.nodes.map((n, i) => ({
    id: n.id,
    type: n.kind,
    position: n.position ?? { x: 80 + (i % 5) * 300, y: 80 + Math.floor(i / 5) * 160 },
    selected: selected.has(n.id),
    data: {
      kind: n.kind,
      label: textOf(n.label, locale) || n.id,
      replicas: n.kind === 'service' ? ((n.params as { replicas?: number }).replicas ?? 1) : undefined,
      tail: tail.has(n.id),
    },
  }));
  return [...regions, ...nodes];
}

/**
 * React Flow's edges from the document; `name` gives an edge its accessible name from the labels of
 * its ends (React Flow's own, "Edge from a to b", is English and uses ids).
 */
export function toFlowEdges(
  doc: Doc,
  selection: readonly string[],
  tail: Set<string>,
  locale: string,
  name: (from: string, to: string) => string,
): TrafficFlowEdge[] {
  const selected = new Set(selection);
  const labels = new Map(doc.nodes.map((n) => [n.id, textOf(n.label, locale) || n.id]));
  return (doc.edges ?? []).map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    ariaLabel: name(labels.get(e.source) ?? e.source, labels.get(e.target) ?? e.target),
    type: 'traffic',
    selected: selected.has(e.id),
    // Fixed-size arrowheads: in stroke-width units they would swell with the traffic.
    markerEnd: {
      type: MarkerType.ArrowClosed,
      width: 14,
      height: 14,
      markerUnits: 'userSpaceOnUse',
      color: '#78909c',
    },
    data: { tail: tail.has(e.id) },
  }));
}

/** The region whose box contains point (x, y), if any. */
export function regionAt(doc: Doc, x: number, y: number): string | undefined {
  const regions = doc.regions ?? [];
  for (let i = regions.length - 1; i >= 0; i--) {
    const { position: p, size: s } = regionBox(doc, i);
    if (x >= p.x && x <= p.x + s.width && y >= p.y && y <= p.y + s.height) return regions[i].id;
  }
  return undefined;
}
