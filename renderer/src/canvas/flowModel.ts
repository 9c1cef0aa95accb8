import type { Edge, Node } from '@xyflow/react';
import { MarkerType } from '@xyflow/react';
import type { NodeKind } from '../../../sim-core/format/schema.ts';
import type { Summary } from '../../../sim-core/results/types.ts';
import { type Doc, textOf } from '../model/document.ts';

export type ArchNodeData = { kind: NodeKind; label: string; replicas?: number; tail: boolean };
export type ArchFlowNode = Node<ArchNodeData, NodeKind>;
export type RegionNodeData = { regionId: string; label: string; down: boolean };
export type RegionFlowNode = Node<RegionNodeData, 'region'>;
export type FlowNode = ArchFlowNode | RegionFlowNode;
export type TrafficFlowEdge = Edge<{ tail: boolean }, 'traffic'>;

export const REGION_PREFIX = 'region:';
export const DEFAULT_REGION_SIZE = { width: 420, height: 300 };

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
  const regions: RegionFlowNode[] = (doc.regions ?? []).map((r, i) => ({
    id: REGION_PREFIX + r.id,
    type: 'region',
    position: r.position ?? { x: 40 + i * 460, y: 360 },
    width: r.size?.width ?? DEFAULT_REGION_SIZE.width,
    height: r.size?.height ?? DEFAULT_REGION_SIZE.height,
    zIndex: -1,
    selected: selected.has(REGION_PREFIX + r.id),
    data: { regionId: r.id, label: textOf(r.label, locale) || r.id, down: downRegions.has(r.id) },
  }));
  const nodes: ArchFlowNode[] = doc.nodes.map((n, i) => ({
    id: n.id,
    type: n.kind,
    position: n.position ?? { x: 80 + (i % 5) * 220, y: 80 + Math.floor(i / 5) * 160 },
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

export function toFlowEdges(doc: Doc, selection: readonly string[], tail: Set<string>): TrafficFlowEdge[] {
  const selected = new Set(selection);
  return (doc.edges ?? []).map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
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
    const r = regions[i];
    const p = r.position ?? { x: 40 + i * 460, y: 360 };
    const s = r.size ?? DEFAULT_REGION_SIZE;
    if (x >= p.x && x <= p.x + s.width && y >= p.y && y <= p.y + s.height) return r.id;
  }
  return undefined;
}
