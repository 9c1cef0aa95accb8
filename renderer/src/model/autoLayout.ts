import type { Doc, DocNode } from './document.ts';

const LAYER_GAP = 260;
const ROW_GAP = 130;
const REGION_PAD = 40;

/**
 * A layered left-to-right layout (a light Sugiyama): nodes go to the layer of their longest path from
 * a source, layers are ordered by the barycentre of their neighbours over a few sweeps to cut
 * crossings, and region boxes are refitted around the nodes they hold. Cycles (through queues) are
 * broken by ignoring edges that point back to an earlier layer.
 */
export function autoLayout(doc: Doc): Doc {
  const ids = doc.nodes.map((n) => n.id);
  if (ids.length === 0) return doc;
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  const into = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of doc.edges ?? []) {
    if (!out.has(e.source) || !out.has(e.target) || e.source === e.target) continue;
    out.get(e.source)!.push(e.target);
    into.get(e.target)!.push(e.source);
  }
  const layer = longestPathLayers(ids, out, into);
  const layers: string[][] = [];
  for (const id of ids) {
    const at = layer.get(id)!;
    layers[at] = [...(layers[at] ?? []), id];
  }
  const order = new Map<string, number>();
  const renumber = () => {
    for (const l of layers) {
      for (let i = 0; i < l.length; i++) order.set(l[i], i);
    }
  };
  renumber();
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const range = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const l of range) {
      const score = (id: string) => {
        const near = (down ? into : out).get(id)!.filter((n) => order.has(n));
        return near.length === 0 ? order.get(id)! : near.reduce((s, n) => s + order.get(n)!, 0) / near.length;
      };
      l.sort((a, b) => score(a) - score(b));
      renumber();
    }
  }
  const height = Math.max(...layers.map((l) => l?.length ?? 0));
  const positions = new Map<string, { x: number; y: number }>();
  layers.forEach((l, x) => {
    const offset = ((height - l.length) * ROW_GAP) / 2;
    for (let y = 0; y < l.length; y++)
      positions.set(l[y], { x: 80 + x * LAYER_GAP, y: 80 + offset + y * ROW_GAP });
  });
  const nodes = doc.nodes.map((n) => ({ ...n, position: positions.get(n.id)! }) as DocNode);
  const regions = (doc.regions ?? []).map((r) => {
    const members = nodes.filter((n) => n.region === r.id).map((n) => n.position!);
    if (members.length === 0) return r;
    const minX = Math.min(...members.map((p) => p.x)) - REGION_PAD;
    const minY = Math.min(...members.map((p) => p.y)) - REGION_PAD;
    const maxX = Math.max(...members.map((p) => p.x)) + 180 + REGION_PAD;
    const maxY = Math.max(...members.map((p) => p.y)) + 90 + REGION_PAD;
    return { ...r, position: { x: minX, y: minY }, size: { width: maxX - minX, height: maxY - minY } };
  });
  return { ...doc, nodes, regions };
}

function longestPathLayers(
  ids: string[],
  out: Map<string, string[]>,
  into: Map<string, string[]>,
): Map<string, number> {
  // Kahn's order; nodes left over sit on cycles and are placed after their known predecessors.
  const indegree = new Map(ids.map((id) => [id, into.get(id)!.length]));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  const layer = new Map<string, number>();
  for (const id of queue) layer.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const next of out.get(id)!) {
      layer.set(next, Math.max(layer.get(next) ?? 0, layer.get(id)! + 1));
      indegree.set(next, indegree.get(next)! - 1);
      if (indegree.get(next) === 0) queue.push(next);
    }
  }
  for (const id of ids) {
    if (!layer.has(id)) {
      const known = into.get(id)!.filter((p) => layer.has(p));
      layer.set(id, known.length > 0 ? Math.max(...known.map((p) => layer.get(p)!)) + 1 : 0);
    }
  }
  return layer;
}
