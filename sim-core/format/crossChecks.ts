import type { ValidationIssue } from '../api.ts';
import { message } from '../messages/formatMessage.ts';
import { findCallCycles } from './callCycles.ts';
import { CrossContext, isRecord, itemsOf, nonEmptyString } from './crossContext.ts';
import { article } from './issueParams.ts';
import { checkScenario } from './scenarioChecks.ts';
import { MAX_REQUEST_CLASSES, NODE_KINDS, type NodeKind } from './schema.ts';

/**
 * The rules that look across the document: unique ids, references that resolve, edges that make sense
 * for the kinds they join, and no synchronous call cycles. (Scenario events: `scenarioChecks.ts`.)
 *
 * Runs on the raw, untrusted document — even when the schema found problems elsewhere — so that one
 * pass reports structural and referential mistakes together. So every read is defensive: a value of the
 * wrong type is skipped here (the schema reports it) rather than trusted. Never throws on JSON data.
 */
export function crossCheck(doc: unknown): ValidationIssue[] {
  if (!isRecord(doc)) return [];
  const ctx = new CrossContext();
  ctx.nodesReadable = Array.isArray(doc.nodes);
  ctx.edgesReadable = doc.edges === undefined || Array.isArray(doc.edges);
  ctx.regionsReadable = doc.regions === undefined || Array.isArray(doc.regions);
  const nodes = itemsOf(doc.nodes);
  const edges = itemsOf(doc.edges);
  collectIds(ctx, 'regions', itemsOf(doc.regions), ctx.regions);
  collectIds(ctx, 'nodes', nodes, ctx.nodes);
  collectIds(ctx, 'edges', edges, ctx.edgeIds);
  collectRequestClasses(ctx, nodes);

  checkRegionReferences(ctx, nodes, itemsOf(doc.regionLatencyMs));
  const links = checkEdges(ctx, edges);
  if (ctx.edgesReadable) checkOutgoingEdges(ctx, nodes, links);
  checkCallCycles(
    ctx,
    links.filter((link) => link.callable),
  );
  checkScenario(ctx, doc.scenario);
  return ctx.issues;
}

/** An edge whose endpoints both name nodes. */
interface Link {
  index: number;
  source: string;
  target: string;
  /** False for an edge already refused (a self-loop, an edge into a client): it makes no call cycle. */
  callable: boolean;
}

/** Records the first index of each id; a later duplicate is an issue on its `id`. */
function collectIds(
  ctx: CrossContext,
  list: string,
  items: [number, Record<string, unknown>][],
  into: Map<string, { index: number; kind?: NodeKind }>,
): void {
  for (const [index, item] of items) {
    const id = nonEmptyString(item.id);
    if (id === undefined) continue;
    const first = into.get(id);
    if (first) {
      ctx.report(`${list}[${index}].id`, message('id.duplicate', { id, other: `${list}[${first.index}]` }));
      continue;
    }
    into.set(id, list === 'nodes' ? { index, kind: NODE_KINDS.find((k) => k === item.kind) } : { index });
  }
}

function collectRequestClasses(ctx: CrossContext, nodes: [number, Record<string, unknown>][]): void {
  for (const [index, node] of nodes) {
    if (node.kind !== 'client' || !isRecord(node.params)) continue;
    const seen = new Map<string, number>();
    for (const [k, requestClass] of itemsOf(node.params.classes)) {
      const id = nonEmptyString(requestClass.id);
      if (id === undefined) continue;
      const first = seen.get(id);
      if (first !== undefined) {
        ctx.report(
          `nodes[${index}].params.classes[${k}].id`,
          message('class.duplicate', { id, other: `classes[${first}]` }),
        );
      } else {
        seen.set(id, k);
        if (!ctx.requestClasses.has(id) && ctx.requestClasses.size === MAX_REQUEST_CLASSES) {
          ctx.report(
            `nodes[${index}].params.classes[${k}].id`,
            message('class.tooMany', { id, max: MAX_REQUEST_CLASSES }),
          );
        }
        ctx.requestClasses.add(id);
      }
    }
  }
}

function checkRegionReferences(
  ctx: CrossContext,
  nodes: [number, Record<string, unknown>][],
  latencies: [number, Record<string, unknown>][],
): void {
  for (const [index, node] of nodes) {
    ctx.checkRegion(`nodes[${index}].region`, node.region);
  }
  const pairs = new Map<string, number>();
  for (const [index, latency] of latencies) {
    const from = ctx.checkRegion(`regionLatencyMs[${index}].from`, latency.from);
    const to = ctx.checkRegion(`regionLatencyMs[${index}].to`, latency.to);
    if (from === undefined || to === undefined) continue;
    // Region latency is a round trip, the same both ways: a → b and b → a are one pair.
    const key = JSON.stringify(from < to ? [from, to] : [to, from]);
    const first = pairs.get(key);
    if (first !== undefined) {
      ctx.report(
        `regionLatencyMs[${index}]`,
        message('region.latencyDuplicate', { from, to, other: `regionLatencyMs[${first}]` }),
      );
    } else {
      pairs.set(key, index);
    }
  }
}

/** Checks each edge on its own; returns the edges that join two known nodes. */
function checkEdges(ctx: CrossContext, edges: [number, Record<string, unknown>][]): Link[] {
  const links: Link[] = [];
  for (const [index, edge] of edges) {
    const at = `edges[${index}]`;
    const source = ctx.checkNode(`${at}.source`, edge.source);
    const target = ctx.checkNode(`${at}.target`, edge.target);
    if (isRecord(edge.params)) {
      for (const [k, name] of Array.isArray(edge.params.classes) ? edge.params.classes.entries() : []) {
        if (typeof name !== 'string' || name === '' || ctx.requestClasses.has(name)) continue;
        const declared = [...ctx.requestClasses].slice(0, 10);
        ctx.report(
          `${at}.params.classes[${k}]`,
          declared.length > 0
            ? message('class.unknown', { name, declared })
            : message('class.noneDeclared', { name }),
          ctx.suggest(name, ctx.requestClasses),
        );
      }
    }
    if (source === undefined || target === undefined) continue;
    if (isRecord(edge.params)) {
      checkCompensation(ctx, at, source, edge.params, edges);
      checkStagedOnly(ctx, at, source, edge.params);
    }
    let callable = true;
    if (source === target) {
      ctx.report(`${at}.target`, message('edge.self', { id: source }));
      callable = false;
    } else if (ctx.nodes.get(target)?.kind === 'client') {
      ctx.report(`${at}.target`, message('edge.intoClient', { id: target }));
      callable = false;
    }
    links.push({ index, source, target, callable });
  }
  return links;
}

/** Edge parameters that only a caller making staged calls (a service or database) reads, with their defaults. */
const STAGED_ONLY = { count: 1, probability: 1, stage: 0 } as const;

/**
 * A client, balancer, pool, cache or queue sends each request along one of its edges, chosen by weight:
 * `count`, `probability` and `stage` mean nothing there, and a value other than the default would be
 * silently ignored (`count: 3` from a client does not triple its traffic).
 */
function checkStagedOnly(
  ctx: CrossContext,
  at: string,
  source: string,
  params: Record<string, unknown>,
): void {
  const kind = ctx.nodes.get(source)?.kind;
  if (kind === undefined || kind === 'service' || kind === 'database') return;
  for (const [param, fallback] of Object.entries(STAGED_ONLY)) {
    const value = params[param];
    if (typeof value !== 'number' || value === fallback) continue;
    ctx.report(
      `${at}.params.${param}`,
      message('edge.stagedOnly', { param, id: source, kind: article(kind) }),
    );
  }
}

/**
 * A saga compensation names another edge of the same service or database, which is then called only
 * to undo this one. The compensated call must be certain (required, probability 1) for "it succeeded"
 * to follow from the request reaching a later stage.
 */
function checkCompensation(
  ctx: CrossContext,
  at: string,
  source: string,
  params: Record<string, unknown>,
  edges: [number, Record<string, unknown>][],
): void {
  const name = params.compensation;
  if (typeof name !== 'string' || name === '') return;
  const path = `${at}.params.compensation`;
  const kind = ctx.nodes.get(source)?.kind;
  if (kind !== undefined && kind !== 'service' && kind !== 'database') {
    ctx.report(path, message('compensation.notStaged', { id: source, kind: article(kind) }));
    return;
  }
  const found = edges.find(([, x]) => x.id === name);
  if (!found) {
    if (ctx.edgesReadable)
      ctx.report(path, message('compensation.noEdge', { name }), ctx.suggest(name, ctx.edgeIds.keys()));
    return;
  }
  const [index, other] = found;
  if (other.source !== source) {
    ctx.report(path, message('compensation.otherSource', { other: `edges[${index}]`, name, source }));
  } else if (other.params === params) {
    ctx.report(path, message('compensation.self'));
  }
  if (params.required === false || (typeof params.probability === 'number' && params.probability < 1)) {
    ctx.report(path, message('compensation.notCertain'));
  }
}

/** The kinds that must have an outgoing edge, with the code that says why. */
const NEEDS_OUTGOING = {
  client: 'outgoing.client',
  loadBalancer: 'outgoing.loadBalancer',
  pool: 'outgoing.pool',
  queue: 'outgoing.queue',
  cache: 'outgoing.cache',
} as const satisfies Partial<Record<NodeKind, string>>;

function needsOutgoing(kind: NodeKind): (typeof NEEDS_OUTGOING)[keyof typeof NEEDS_OUTGOING] | undefined {
  return Object.hasOwn(NEEDS_OUTGOING, kind)
    ? NEEDS_OUTGOING[kind as keyof typeof NEEDS_OUTGOING]
    : undefined;
}

function checkOutgoingEdges(
  ctx: CrossContext,
  nodes: [number, Record<string, unknown>][],
  links: Link[],
): void {
  const outgoing = new Map<string, Link[]>();
  for (const link of links) {
    const list = outgoing.get(link.source);
    if (list) list.push(link);
    else outgoing.set(link.source, [link]);
  }
  for (const [index, node] of nodes) {
    const id = nonEmptyString(node.id);
    if (id === undefined || ctx.nodes.get(id)?.index !== index) continue;
    const kind = ctx.nodes.get(id)?.kind;
    const rule = kind && needsOutgoing(kind);
    if (!kind || !rule) continue;
    if (kind === 'cache' && isRecord(node.params) && node.params.hitRatio === 1) continue;
    const out = outgoing.get(id) ?? [];
    if (out.length === 0) {
      ctx.report(`nodes[${index}]`, message(rule, { id }));
    }
    if (kind !== 'queue') continue;
    for (const link of out) {
      const targetKind = ctx.nodes.get(link.target)?.kind;
      // An edge into a client was refused already; an unknown kind is the schema's to report.
      if (
        !link.callable ||
        targetKind === undefined ||
        targetKind === 'service' ||
        targetKind === 'database'
      ) {
        continue;
      }
      ctx.report(
        `edges[${link.index}].target`,
        message('queue.consumer', { id: link.target, kind: article(targetKind) }),
      );
    }
  }
}

function checkCallCycles(ctx: CrossContext, calls: Link[]): void {
  const cycles = findCallCycles(calls, (id) => ctx.nodes.get(id)?.kind === 'queue');
  for (const cycle of cycles) {
    ctx.report(`edges[${cycle.edgeIndex}]`, message('edge.cycle', { cycle: cyclePath(cycle.nodeIds) }));
  }
}

/** `api → db → api`; a long cycle keeps its ends and says how many ids it left out (`… +8 …`). */
function cyclePath(ids: string[]): string {
  const closed = [...ids, ids[0]];
  if (closed.length <= 12) return closed.join(' → ');
  return [...closed.slice(0, 6), `… +${closed.length - 10} …`, ...closed.slice(-4)].join(' → ');
}
