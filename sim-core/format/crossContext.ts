import type { ValidationIssue } from '../api.ts';
import { closestMatch } from './closestMatch.ts';
import type { NodeKind } from './schema.ts';

/**
 * What the cross-document checks share while they walk one document: the issues found so far and the
 * ids seen (first occurrence of each), with helpers that resolve a reference or report it.
 */
export class CrossContext {
  readonly issues: ValidationIssue[] = [];
  readonly nodes = new Map<string, { index: number; kind?: NodeKind }>();
  readonly edgeIds = new Map<string, { index: number }>();
  readonly regions = new Map<string, { index: number }>();
  /** Request class ids declared on any client. */
  readonly requestClasses = new Set<string>();
  /**
   * Whether the lists could be read. When `nodes` is not a list the schema says so, and reporting every
   * edge end as "names no node" would only bury that one issue; likewise for edges and regions.
   */
  nodesReadable = true;
  edgesReadable = true;
  regionsReadable = true;
  /** Suggestions cost an edit-distance scan each: a file full of broken references gets a few only. */
  private suggestionsLeft = 20;

  report(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** ` (did you mean "db"?)`, or `''`. */
  suggest(word: string, candidates: Iterable<string>): string {
    if (this.suggestionsLeft <= 0) return '';
    this.suggestionsLeft--;
    const guess = closestMatch(word, candidates);
    return guess === undefined ? '' : ` (did you mean ${JSON.stringify(guess)}?)`;
  }

  /**
   * The node id `value` names, or `undefined`. A string naming no node is reported at `path`; any other
   * value is left to the schema.
   */
  checkNode(path: string, value: unknown): string | undefined {
    const id = nonEmptyString(value);
    if (id === undefined) return undefined;
    if (this.nodes.has(id)) return id;
    if (this.nodesReadable)
      this.report(path, `names no node ${JSON.stringify(id)}${this.suggest(id, this.nodes.keys())}`);
    return undefined;
  }

  /** Like `checkNode`, for a region id. */
  checkRegion(path: string, value: unknown): string | undefined {
    const id = nonEmptyString(value);
    if (id === undefined) return undefined;
    if (this.regions.has(id)) return id;
    if (!this.regionsReadable) return undefined;
    const hint =
      this.regions.size === 0 ? ': the document declares no regions' : this.suggest(id, this.regions.keys());
    this.report(path, `names no region ${JSON.stringify(id)}${hint}`);
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The object items of a list with their indices; anything else in it (or a non-list) is skipped. */
export function itemsOf(value: unknown): [number, Record<string, unknown>][] {
  const items: [number, Record<string, unknown>][] = [];
  if (!Array.isArray(value)) return items;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (isRecord(item)) items.push([i, item]);
  }
  return items;
}

/** `load balancer` for `loadBalancer`: node kinds as words in messages. */
export function kindName(kind: NodeKind): string {
  return kind === 'loadBalancer' ? 'load balancer' : kind;
}

export function article(kind: NodeKind): string {
  const name = kindName(kind);
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}
