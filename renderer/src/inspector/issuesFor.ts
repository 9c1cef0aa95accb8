import type { ValidationIssue } from '../../../sim-core/api.ts';
import type { Message } from '../../../sim-core/messages/Message.ts';
import type { Doc } from '../model/document.ts';
import type { Path } from './fieldPaths.ts';

/**
 * The validator's issues sorted to where the inspector shows them: `nodes[3].params.replicas` under
 * the Replicas field of node 3, the rest of the document as a count.
 */

/** An issue with its path parsed into keys and indices. */
export interface PathIssue {
  path: Path;
  issue: ValidationIssue;
}

/**
 * An issue as a field or group shows it: worded in the UI language where it is drawn, after `at` (the
 * path below the group, `''` for a field's own), without the owning node (it is the one selected).
 */
export interface FieldIssue {
  issue: ValidationIssue;
  at: string;
}

/** What a field or group lists: the validator's issues, or a message the UI already worded. */
export type Shown = FieldIssue | string;

const SEGMENT = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([A-Za-z_$][\w$]*)/y;

/**
 * `nodes[3].params["zh-CN"]` → `['nodes', 3, 'params', 'zh-CN']`: the inverse of the validator's
 * `formatPath`. The root path `''` is `[]`; an unreadable rest is kept as one last key.
 */
export function parseIssuePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < path.length) {
    const at = SEGMENT.lastIndex;
    const m = SEGMENT.exec(path);
    if (!m) {
      out.push(path.slice(at));
      break;
    }
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(`"${m[2]}"`) as string);
    else out.push(m[3]);
  }
  return out;
}

export function parseIssues(issues: readonly ValidationIssue[]): PathIssue[] {
  return issues.map((issue) => ({ path: parseIssuePath(issue.path), issue }));
}

/**
 * A run the engine refused or stopped over a field (a budget naming `nodes[4].params.replicas`), as an
 * issue of that field, worded by `format`: shown while the document is the one it was about (`doc`),
 * gone with the first edit. Null when there is none or it names no field.
 */
export function runProblemIssue(
  runProblem: { problem: Message & { path?: string }; doc: Doc } | null,
  doc: Doc,
): PathIssue | null {
  if (runProblem === null || runProblem.doc !== doc || !runProblem.problem.path) return null;
  const { code, params, path } = runProblem.problem;
  return { path: parseIssuePath(path), issue: { code, params, path } };
}

export function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && startsWith(a, b);
}

/** The issues of one item (a node, an edge, the scenario…), with paths relative to it. */
export class ItemIssues {
  readonly list: readonly PathIssue[];

  constructor(issues: readonly PathIssue[], prefix: Path) {
    this.list = issues
      .filter((i) => startsWith(i.path, prefix))
      .map((i) => ({ path: i.path.slice(prefix.length), issue: i.issue }));
  }

  /** The issues exactly at `path`: what a single field shows. */
  at(path: Path): FieldIssue[] {
    return this.list.filter((i) => samePath(i.path, path)).map((i) => ({ issue: i.issue, at: '' }));
  }

  /**
   * The messages at or below `path` that none of `shownAt` (paths of the inputs that show their own,
   * relative to `path`, each with everything below it) claims: what a group shows under its heading, so
   * nothing is lost. `withSelf: false` leaves out the messages at `path` itself (a field shows those).
   */
  rest(path: Path, shownAt: readonly Path[], withSelf = true): FieldIssue[] {
    return this.list
      .filter((i) => startsWith(i.path, path) && (withSelf || i.path.length > path.length))
      .filter((i) => !shownAt.some((s) => startsWith(i.path.slice(path.length), s)))
      .map((i) => ({ issue: i.issue, at: i.path.slice(path.length).join('.') }));
  }

  /** The same issues seen from `path` down (a group passes its part to a child). */
  within(path: Path): ItemIssues {
    return new ItemIssues(this.list, path);
  }
}

/**
 * Which selection shows an issue: a node or edge id, `region:<id>` for a region (and its latency
 * entries, under the `from` region), `''` for everything else (the document and scenario, shown when
 * nothing is selected).
 */
export function selectionFor(doc: Doc, path: Path): string {
  const [list, index] = path;
  if (typeof index === 'number') {
    if (list === 'nodes' && doc.nodes[index]) return doc.nodes[index].id;
    if (list === 'edges' && doc.edges?.[index]) return doc.edges[index].id;
    if (list === 'regions' && doc.regions?.[index]) return `region:${doc.regions[index].id}`;
    if (list === 'regionLatencyMs' && doc.regionLatencyMs?.[index]) {
      return `region:${doc.regionLatencyMs[index].from}`;
    }
  }
  return '';
}

/** Whether the view of `selected` shows `issue` (a region's view shows latencies in both directions). */
export function isShownBy(doc: Doc, issue: PathIssue, selected: string): boolean {
  if (selectionFor(doc, issue.path) === selected) return true;
  if (!selected.startsWith('region:')) return false;
  const [list, index] = issue.path;
  const entry =
    list === 'regionLatencyMs' && typeof index === 'number' ? doc.regionLatencyMs?.[index] : undefined;
  return entry !== undefined && `region:${entry.to}` === selected;
}

/** Issues the selected item's view does not show, grouped by the selection that shows them. */
export function issuesElsewhere(
  doc: Doc,
  issues: readonly PathIssue[],
  selected: string,
): { count: number; owners: { selection: string; count: number }[] } {
  const owners = new Map<string, number>();
  let count = 0;
  for (const issue of issues) {
    if (isShownBy(doc, issue, selected)) continue;
    count++;
    const owner = selectionFor(doc, issue.path);
    owners.set(owner, (owners.get(owner) ?? 0) + 1);
  }
  return { count, owners: [...owners].map(([selection, n]) => ({ selection, count: n })) };
}
