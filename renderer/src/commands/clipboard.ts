import { duplicate, removeItems, setNodeRegion } from '../canvas/edits.ts';
import type { Doc, DocEdge, DocNode } from '../model/document.ts';
import type { Patch } from './Command.ts';

/**
 * The canvas's own clipboard and the edits on the selection: pure functions from the document and the
 * selection to a patch. The clipboard holds copies of the nodes (and the edges among them), so what was
 * cut can still be pasted; each paste adds fresh duplicates, one step further down and right.
 */

interface Selected {
  doc: Doc;
  selection: readonly string[];
}

/** How far each paste (and Duplicate) moves its copies from the ones before, in px. */
const STEP = 40;
/** Half a node's usual size: a node belongs to the region under its centre. */
const HALF_NODE = { x: 80, y: 40 };

let clipboard: { nodes: DocNode[]; edges: DocEdge[]; pastes: number } = { nodes: [], edges: [], pastes: 0 };

export function hasClipboard(): boolean {
  return clipboard.nodes.length > 0;
}

/** For tests: forget what was copied. */
export function clearClipboard(): void {
  clipboard = { nodes: [], edges: [], pastes: 0 };
}

const selectedNodes = ({ doc, selection }: Selected) => doc.nodes.filter((n) => selection.includes(n.id));

export function hasSelectedNodes(s: Selected): boolean {
  return s.selection.some((id) => s.doc.nodes.some((n) => n.id === id));
}

export function copySelection(s: Selected): void {
  const nodes = selectedNodes(s);
  if (nodes.length === 0) return;
  const ids = new Set(nodes.map((n) => n.id));
  const edges = (s.doc.edges ?? []).filter((e) => ids.has(e.source) && ids.has(e.target));
  clipboard = { nodes, edges, pastes: 0 };
}

export function deleteSelection(s: Selected): Patch | undefined {
  if (s.selection.length === 0) return undefined;
  return { doc: removeItems(s.doc, s.selection), selection: [] };
}

export function cutSelection(s: Selected): Patch | undefined {
  copySelection(s);
  return deleteSelection(s);
}

/** The clipboard's nodes as new duplicates, selected; placed with their top-left corner at `at` if given. */
export function paste(doc: Doc, at?: { x: number; y: number }): Patch | undefined {
  const { nodes, edges } = clipboard;
  if (nodes.length === 0) return undefined;
  clipboard = { ...clipboard, pastes: clipboard.pastes + 1 };
  // Nodes that were cut are no longer in the document: put them back for duplicate() to copy, then
  // take them out again, leaving only the duplicates.
  const present = new Set(doc.nodes.map((n) => n.id));
  const missing = nodes.filter((n) => !present.has(n.id));
  const gone = new Set(missing.map((n) => n.id));
  const withCut = {
    ...doc,
    nodes: [...doc.nodes, ...missing],
    edges: [...(doc.edges ?? []), ...edges.filter((e) => gone.has(e.source) || gone.has(e.target))],
  };
  const copied = duplicate(
    withCut,
    nodes.map((n) => n.id),
  );
  let next = missing.length > 0 ? removeItems(copied.doc, [...gone]) : copied.doc;
  // duplicate() moved the copies one step; a later paste goes one step further, a paste at a point there.
  const origin = topLeft(nodes);
  const shift = at
    ? { x: at.x - origin.x - STEP, y: at.y - origin.y - STEP }
    : { x: STEP * (clipboard.pastes - 1), y: STEP * (clipboard.pastes - 1) };
  next = placed(next, copied.ids, shift);
  return { doc: next, selection: copied.ids };
}

/** Duplicates of the selected nodes (and the edges among them), selected. */
export function duplicateSelection(s: Selected): Patch | undefined {
  const ids = selectedNodes(s).map((n) => n.id);
  if (ids.length === 0) return undefined;
  const copied = duplicate(s.doc, ids);
  return { doc: placed(copied.doc, copied.ids, { x: 0, y: 0 }), selection: copied.ids };
}

export function selectAll(doc: Doc): Patch {
  return { selection: [...doc.nodes.map((n) => n.id), ...(doc.edges ?? []).map((e) => e.id)] };
}

function topLeft(nodes: readonly DocNode[]): { x: number; y: number } {
  const xs = nodes.map((n) => n.position?.x ?? 0);
  const ys = nodes.map((n) => n.position?.y ?? 0);
  return { x: Math.min(...xs), y: Math.min(...ys) };
}

/** Moves nodes `ids` by `shift` and puts each in the region under its centre (or in none). */
function placed(doc: Doc, ids: readonly string[], shift: { x: number; y: number }): Doc {
  const moving = new Set(ids);
  let next: Doc = {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (!moving.has(n.id) || (shift.x === 0 && shift.y === 0)) return n;
      const p = n.position ?? { x: 0, y: 0 };
      return { ...n, position: { x: p.x + shift.x, y: p.y + shift.y } };
    }),
  };
  for (const n of next.nodes) {
    if (!moving.has(n.id)) continue;
    const p = n.position ?? { x: 0, y: 0 };
    next = setNodeRegion(next, n.id, p.x + HALF_NODE.x, p.y + HALF_NODE.y);
  }
  return next;
}
