import { article, type CrossContext, isRecord, itemsOf, nonEmptyString } from './crossContext.ts';
import { EVENT_TARGETS, type TargetRule } from './eventTargets.ts';
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
      ctx.report(`${at}.atSec`, `happens after the run ends (durationSec ${durationSec})`);
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
          ctx.report(`${at}.regionB`, `must differ from regionA (both are ${JSON.stringify(a)})`);
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
    ctx.report(path, `"primary" needs a database target; ${JSON.stringify(id)} is ${article(node.kind)}`);
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
      `is ambiguous: nodes[${node.index}] and edges[${edge.index}] both have the id ${JSON.stringify(id)}; rename one of them`,
    );
  } else if (node) {
    if (!fits(node.kind)) {
      ctx.report(path, `${JSON.stringify(id)} is ${article(node.kind!)}; ${type} needs ${wanted(rule)}`);
    }
  } else if (edge) {
    if (!rule.edges) ctx.report(path, `${JSON.stringify(id)} is an edge; ${type} needs ${wanted(rule)}`);
  } else if (ctx.nodesReadable && (ctx.edgesReadable || !rule.edges)) {
    const suggestion = ctx.suggest(id, candidates(ctx, rule, fits));
    const what = rule.edges ? 'node or edge' : 'node';
    ctx.report(path, `names no ${what} ${JSON.stringify(id)}${suggestion}; ${type} needs ${wanted(rule)}`);
  }
}

function* candidates(ctx: CrossContext, rule: TargetRule, fits: (kind: NodeKind | undefined) => boolean) {
  if (rule.all) yield 'all';
  for (const [id, node] of ctx.nodes) if (fits(node.kind)) yield id;
  if (rule.edges) yield* ctx.edgeIds.keys();
}

/** `a service or a database`, `a node or an edge`, `a client or "all"`. */
function wanted(rule: TargetRule): string {
  const options = rule.kinds.map(article);
  if (rule.edges) options.push('an edge');
  if (rule.all) options.push('"all"');
  return options.length === 1
    ? options[0]
    : `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;
}
