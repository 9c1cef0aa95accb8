import type { ValidationIssue } from '../../../sim-core/api.ts';
import { validateTopology } from '../../../sim-core/format/validate.ts';
import type { Doc } from '../model/document.ts';

const issuesByDoc = new WeakMap<Doc, readonly ValidationIssue[]>();
const invalidByDoc = new WeakMap<Doc, ReadonlySet<string>>();

/** The validator's issues of `doc`, computed once per document (the inspector and the canvas share them). */
export function docIssues(doc: Doc): readonly ValidationIssue[] {
  let issues = issuesByDoc.get(doc);
  if (issues === undefined) {
    const result = validateTopology(doc);
    issues = result.ok ? [] : result.issues;
    issuesByDoc.set(doc, issues);
  }
  return issues;
}

const NODE_PATH = /^nodes\[(\d+)\]/;

/** Ids of the nodes with at least one issue on or inside them: the canvas marks them. */
export function invalidNodeIds(doc: Doc): ReadonlySet<string> {
  let ids = invalidByDoc.get(doc);
  if (ids === undefined) {
    const found = new Set<string>();
    for (const issue of docIssues(doc)) {
      const m = NODE_PATH.exec(issue.path);
      const node = m ? doc.nodes[Number(m[1])] : undefined;
      if (node) found.add(node.id);
    }
    ids = found;
    invalidByDoc.set(doc, ids);
  }
  return ids;
}
