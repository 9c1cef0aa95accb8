import type { Doc } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { getIn, type Path } from './fieldPaths.ts';
import type { FieldIssue, ItemIssues } from './issuesFor.ts';

/** What a field needs to edit one value: the value, its problems, and how to store an edit. */
export interface Bound {
  value: unknown;
  issues: FieldIssue[];
  onCommit: (value: unknown) => void;
}

export type Binder = (path: Path) => Bound;

/**
 * Binds fields to the values under `source` (a node's params, the scenario…): each commit is one
 * undoable `change` that applies `write(path, value)` to the latest document.
 */
export function binder(
  source: unknown,
  issues: ItemIssues,
  write: (doc: Doc, path: Path, value: unknown) => Doc,
): Binder {
  return (path) => ({
    value: getIn(source, path),
    issues: issues.at(path),
    onCommit: (value) => commit((doc) => write(doc, path, value)),
  });
}

/** One undoable edit of the document. */
export function commit(update: (doc: Doc) => Doc): void {
  useStore.getState().change(update);
}
