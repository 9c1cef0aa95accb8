import { addNodeOfKind } from '../canvas/edits.ts';
import { REGION_PREFIX } from '../canvas/flowModel.ts';
import { layoutCanvas } from '../canvas/viewport.ts';
import type { Store } from '../store/store.ts';
import type { Command } from './Command.ts';
import {
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  hasClipboard,
  hasSelectedNodes,
  paste,
  selectAll,
} from './clipboard.ts';

/** Undo and redo, the clipboard, selection, renaming and layout: the Edit menu. */

type Point = { x: number; y: number };
/** The canvas's grid, and half a node's usual size. */
const GRID = 20;
const HALF_NODE = { x: 80, y: 40 };
const isPoint = (v: unknown): v is Point =>
  typeof v === 'object' && v !== null && Number.isFinite((v as Point).x) && Number.isFinite((v as Point).y);

/** `{ at }` from a context menu: where the pointer was, in flow coordinates. */
const pointIn = (value: unknown): Point | undefined =>
  typeof value === 'object' && value !== null && isPoint((value as { at?: unknown }).at)
    ? (value as { at: Point }).at
    : undefined;

/** The one node or region selected, as its canvas id, or null. */
export function renameTarget(s: Pick<Store, 'doc' | 'selection'>): string | null {
  if (s.selection.length !== 1) return null;
  const [id] = s.selection;
  if (s.doc.nodes.some((n) => n.id === id)) return id;
  const region = id.startsWith(REGION_PREFIX) ? id.slice(REGION_PREFIX.length) : null;
  return region !== null && (s.doc.regions ?? []).some((r) => r.id === region) ? id : null;
}

const somethingSelected = (s: Store) => s.selection.length > 0;

export const EDIT_COMMANDS = {
  'edit.undo': {
    label: 'cmd.edit.undo',
    shortcuts: ['Mod+Z'],
    textEdit: 'undo',
    repeats: true,
    enabled: (s) => s.past.length > 0,
    perform: (s) => void s.undo(),
  },
  'edit.redo': {
    label: 'cmd.edit.redo',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    textEdit: 'redo',
    repeats: true,
    enabled: (s) => s.future.length > 0,
    perform: (s) => void s.redo(),
  },
  'edit.cut': {
    label: 'cmd.edit.cut',
    shortcuts: ['Mod+X'],
    textEdit: 'cut',
    enabled: somethingSelected,
    perform: (s) => cutSelection(s),
  },
  'edit.copy': {
    label: 'cmd.edit.copy',
    shortcuts: ['Mod+C'],
    textEdit: 'copy',
    enabled: hasSelectedNodes,
    perform: (s) => void copySelection(s),
  },
  'edit.paste': {
    label: 'cmd.edit.paste',
    shortcuts: ['Mod+V'],
    textEdit: 'paste',
    enabled: () => hasClipboard(),
    perform: (s, _ctx, value) => paste(s.doc, pointIn(value)),
  },
  'edit.duplicate': {
    label: 'cmd.edit.duplicate',
    shortcuts: ['Mod+D'],
    enabled: hasSelectedNodes,
    perform: (s) => duplicateSelection(s),
  },
  'edit.delete': {
    label: 'cmd.edit.delete',
    shortcuts: ['Delete', 'Backspace'],
    textEdit: 'delete',
    enabled: somethingSelected,
    perform: (s) => deleteSelection(s),
  },
  'edit.selectAll': {
    label: 'cmd.edit.selectAll',
    shortcuts: ['Mod+A'],
    textEdit: 'selectAll',
    enabled: (s) => s.doc.nodes.length > 0,
    perform: (s) => selectAll(s.doc),
  },
  'edit.selectNone': {
    label: 'cmd.edit.selectNone',
    shortcuts: ['Escape'],
    enabled: somethingSelected,
    perform: () => ({ selection: [] }),
  },
  'edit.rename': {
    label: 'cmd.edit.rename',
    hint: 'cmd.edit.rename.hint',
    shortcuts: ['F2'],
    enabled: (s) => renameTarget(s) !== null,
    perform: (s) => void s.setRenaming(renameTarget(s)),
  },
  'edit.autoLayout': {
    label: 'cmd.edit.autoLayout',
    hint: 'cmd.edit.autoLayout.hint',
    shortcuts: ['Mod+Shift+L'],
    enabled: (s) => s.doc.nodes.length > 0,
    // ELK in its worker, then one undo step and a fit of the view (the canvas's layoutCanvas).
    perform: async (_s, ctx) => {
      if (ctx.view) await layoutCanvas(ctx.view);
    },
  },
  /**
   * From the canvas's context menu: `{ kind, at }`, a node of that kind centred on that point (a
   * region's corner there), on the canvas's grid.
   */
  'edit.addNode': {
    label: 'cmd.edit.addNode',
    perform: (s, _ctx, value) => {
      const kind = (value as { kind?: unknown } | undefined)?.kind;
      const at = pointIn(value);
      if (typeof kind !== 'string' || !at) return undefined;
      const corner = kind === 'region' ? at : { x: at.x - HALF_NODE.x, y: at.y - HALF_NODE.y };
      const position = { x: Math.round(corner.x / GRID) * GRID, y: Math.round(corner.y / GRID) * GRID };
      const added = addNodeOfKind(s.doc, kind, position);
      if (added.id === '') return undefined;
      return { doc: added.doc, selection: [kind === 'region' ? REGION_PREFIX + added.id : added.id] };
    },
  },
} satisfies Record<string, Command>;
