import type { ValidationIssue } from '../api.ts';
import { message } from '../messages/formatMessage.ts';
import type { Message } from '../messages/Message.ts';
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

  /** Reports `what` at `path`, with the closest known name when there is one. */
  report(path: string, what: Message, guess?: string): void {
    this.issues.push(guess === undefined ? { path, ...what } : { path, ...what, guess });
  }

  /** The candidate closest to a mistyped `word` (`db` for `dbb`), or `undefined`. */
  suggest(word: string, candidates: Iterable<string>): string | undefined {
    if (this.suggestionsLeft <= 0) return undefined;
    this.suggestionsLeft--;
    return closestMatch(word, candidates);
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
      this.report(path, message('ref.noNode', { id }), this.suggest(id, this.nodes.keys()));
    return undefined;
  }

  /** Like `checkNode`, for a region id. */
  checkRegion(path: string, value: unknown): string | undefined {
    const id = nonEmptyString(value);
    if (id === undefined) return undefined;
    if (this.regions.has(id)) return id;
    if (!this.regionsReadable) return undefined;
    if (this.regions.size === 0) this.report(path, message('ref.noRegions', { id }));
    else this.report(path, message('ref.noRegion', { id }), this.suggest(id, this.regions.keys()));
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
