import { duplicate, removeItems } from './canvas/edits.ts';
import type { DocEdge, DocNode } from './model/document.ts';
import type { Store } from './store/store.ts';

/**
 * Copy, cut, paste, delete and select all on the canvas selection: one implementation for the keyboard
 * shortcuts and the native Edit menu, sharing one clipboard. The clipboard holds copies of the nodes
 * (and the edges among them), so what was cut can still be pasted; a paste adds fresh duplicates.
 */

type StoreApi = { getState: () => Store };

let clipboard: { nodes: DocNode[]; edges: DocEdge[] } = { nodes: [], edges: [] };

export function copySelection(store: StoreApi): void {
  const { selection, doc } = store.getState();
  const nodes = doc.nodes.filter((n) => selection.includes(n.id));
  if (nodes.length === 0) return;
  const ids = new Set(nodes.map((n) => n.id));
  clipboard = { nodes, edges: (doc.edges ?? []).filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

export function deleteSelection(store: StoreApi): void {
  const s = store.getState();
  if (s.selection.length === 0) return;
  const ids = s.selection;
  s.change((d) => removeItems(d, ids));
  s.select([]);
}

export function cutSelection(store: StoreApi): void {
  copySelection(store);
  deleteSelection(store);
}

/** Pastes the clipboard as duplicates and selects them; returns false when there was nothing to paste. */
export function pasteClipboard(store: StoreApi): boolean {
  if (clipboard.nodes.length === 0) return false;
  const s = store.getState();
  const { nodes, edges } = clipboard;
  let ids: string[] = [];
  s.change((d) => {
    // Nodes that were cut are no longer in the document: put them back for duplicate() to copy, then
    // take them out again, leaving only the duplicates.
    const present = new Set(d.nodes.map((n) => n.id));
    const missing = nodes.filter((n) => !present.has(n.id));
    const gone = new Set(missing.map((n) => n.id));
    const withCut = {
      ...d,
      nodes: [...d.nodes, ...missing],
      edges: [...(d.edges ?? []), ...edges.filter((e) => gone.has(e.source) || gone.has(e.target))],
    };
    const result = duplicate(
      withCut,
      nodes.map((n) => n.id),
    );
    ids = result.ids;
    return missing.length > 0 ? removeItems(result.doc, [...gone]) : result.doc;
  });
  s.select(ids);
  return ids.length > 0;
}

export function selectAll(store: StoreApi): void {
  const s = store.getState();
  s.select([...s.doc.nodes.map((n) => n.id), ...(s.doc.edges ?? []).map((x) => x.id)]);
}

/** For tests: forget what was copied. */
export function clearClipboard(): void {
  clipboard = { nodes: [], edges: [] };
}
