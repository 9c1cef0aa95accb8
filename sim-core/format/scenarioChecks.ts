import { message } from '../messages/formatMessage.ts';
import type { Message } from '../messages/Message.ts';
import { type CrossContext, isRecord, itemsOf, nonEmptyString } from './crossContext.ts';
import { EVENT_TARGETS, type TargetRule } from './eventTargets.ts';
import { article, orList } from './issueParams.ts';
import type { NodeKind, ScenarioEventType } from './schema.ts';

/**
 * Cross-document checks of the scenario: each event's target exists and is of a kind the event can act
 * on, and the event happens before the run ends. Defensive like every cross check: the raw document may
 * be malformed anywhere.
 */
export function checkScenario(ctx: CrossContext, scenario: unknown): void {
  if (!isRecord(scenario)) return;
  const durationSec =
    typeof scenario.durationSec === 'number' && scenario.durationSec > 0 ? scenario.durationSec : undefined;
  for (const [index, event] of itemsOf(scenario.events)) {
    const at = `scenario.events[${index}]`;
    if (durationSec !== undefined && typeof event.atSec === 'number' && event.atSec >= durationSec) {
      ctx.report(`${at}.atSec`, message('scenario.afterEnd', { durationSec }));
    }
    const type = event.type as ScenarioEventType;
    switch (type) {
      case 'trafficMultiplier':
        // The schema's default target is "all": every client.
        if (event.target !== undefined && event.target !== 'all') {
          checkTarget(ctx, `${at}.target`, type, event.target, EVENT_TARGETS[type]!);
        }
        break;
      case 'killInstances':
        checkTarget(ctx, `${at}.target`, type, event.target, EVENT_TARGETS[type]!);
        checkPrimaryRole(ctx, `${at}.role`, event.role, event.target);
        break;
      case 'restoreInstances':
      case 'setReplicas':
      case 'rollingRestart':
      case 'cacheFlush':
      case 'injectLatency':
      case 'injectErrors':
        checkTarget(ctx, `${at}.target`, type, event.target, EVENT_TARGETS[type]!);
        break;
      case 'killRegion':
        ctx.checkRegion(`${at}.region`, event.region);
        break;
      case 'partition': {
        const a = ctx.checkRegion(`${at}.regionA`, event.regionA);
        const b = ctx.checkRegion(`${at}.regionB`, event.regionB);
        if (a !== undefined && a === b)
          ctx.report(`${at}.regionB`, message('scenario.sameRegion', { region: a }));
        break;
      }
      default:
        // An unknown type is the schema's to report.
        break;
    }
  }
}

/** `role: "primary"` kills shard primaries, which only a database has. */
function checkPrimaryRole(ctx: CrossContext, path: string, role: unknown, target: unknown): void {
  if (role !== 'primary') return;
  const id = nonEmptyString(target);
  const node = id === undefined ? undefined : ctx.nodes.get(id);
  if (node?.kind !== undefined && node.kind !== 'database') {
    ctx.report(path, message('scenario.primaryNeedsDatabase', { id: id ?? '', kind: article(node.kind) }));
  }
}

function checkTarget(
  ctx: CrossContext,
  path: string,
  type: ScenarioEventType,
  value: unknown,
  rule: TargetRule,
): void {
  const id = nonEmptyString(value);
  if (id === undefined) return;
  const node = ctx.nodes.get(id);
  const edge = ctx.edgeIds.get(id);
  const fits = (kind: NodeKind | undefined) => kind === undefined || rule.kinds.includes(kind);
  if (node && edge && rule.edges) {
    ctx.report(
      path,
      message('target.ambiguous', { node: `nodes[${node.index}]`, edge: `edges[${edge.index}]`, id }),
    );
  } else if (node) {
    if (!fits(node.kind)) {
      ctx.report(
        path,
        message('target.wrongKind', { id, kind: article(node.kind!), type, wanted: wanted(rule) }),
      );
    }
  } else if (edge) {
    if (!rule.edges) ctx.report(path, message('target.isEdge', { id, type, wanted: wanted(rule) }));
  } else if (ctx.nodesReadable && (ctx.edgesReadable || !rule.edges)) {
    const code = rule.edges ? 'target.noNodeOrEdge' : 'target.noNode';
    ctx.report(
      path,
      message(code, { id, type, wanted: wanted(rule) }),
      ctx.suggest(id, candidates(ctx, rule, fits)),
    );
  }
}

function* candidates(ctx: CrossContext, rule: TargetRule, fits: (kind: NodeKind | undefined) => boolean) {
  if (rule.all) yield 'all';
  for (const [id, node] of ctx.nodes) if (fits(node.kind)) yield id;
  if (rule.edges) yield* ctx.edgeIds.keys();
}

/** `a service or a database`, `a node or an edge`, `a client or "all"`. */
function wanted(rule: TargetRule): Message {
  const options = rule.kinds.map((kind) => article(kind));
  if (rule.edges) options.push(article('edge'));
  if (rule.all) options.push(article('all'));
  return orList(options);
}
