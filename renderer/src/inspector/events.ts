import { EVENT_TYPES, type ScenarioEventType } from '../../../sim-core/format/schema.ts';
import type { Doc } from '../model/document.ts';

/** A scenario event as the document holds it (possibly half-edited). */
export type DocEvent = NonNullable<Doc['scenario']['events']>[number];

export { EVENT_TYPES };

/** Events that take a `durationSec` and are undone after it. */
export const LASTING = new Set<ScenarioEventType>([
  'trafficMultiplier',
  'killInstances',
  'killRegion',
  'partition',
  'injectLatency',
  'injectErrors',
]);

export type EventField =
  | 'target'
  | 'factor'
  | 'count'
  | 'fraction'
  | 'region'
  | 'regionA'
  | 'regionB'
  | 'addMs'
  | 'rate'
  | 'replicas'
  | 'batch';

/** The fields each event type has beyond type, atSec, label and durationSec, in display order. */
export const EVENT_FIELDS: Record<ScenarioEventType, readonly EventField[]> = {
  trafficMultiplier: ['target', 'factor'],
  killInstances: ['target', 'count', 'fraction'],
  restoreInstances: ['target', 'count'],
  killRegion: ['region'],
  partition: ['regionA', 'regionB'],
  injectLatency: ['target', 'addMs'],
  injectErrors: ['target', 'rate'],
  cacheFlush: ['target'],
  setReplicas: ['target', 'replicas'],
  rollingRestart: ['target', 'batch'],
};

/** The ids an event of `type` may target, as the validator's rules allow (`all` first for traffic). */
export function eventTargets(doc: Doc, type: ScenarioEventType): string[] {
  const nodesOf = (...kinds: string[]) => doc.nodes.filter((n) => kinds.includes(n.kind)).map((n) => n.id);
  switch (type) {
    case 'trafficMultiplier':
      return ['all', ...nodesOf('client')];
    case 'killInstances':
    case 'restoreInstances':
    case 'rollingRestart':
      return nodesOf('service', 'database');
    case 'setReplicas':
      return nodesOf('service');
    case 'cacheFlush':
      return nodesOf('cache');
    case 'injectLatency':
    case 'injectErrors':
      return [
        ...doc.nodes.filter((n) => n.kind !== 'client').map((n) => n.id),
        ...(doc.edges ?? []).map((e) => e.id),
      ];
    case 'killRegion':
    case 'partition':
      return (doc.regions ?? []).map((r) => r.id);
    default: {
      const never: never = type;
      return never;
    }
  }
}

/**
 * An event of `type` that keeps what `from` had in common (time, label, and duration when both last)
 * and fills the rest with working values: the first eligible target, a factor of 2, 10% errors…
 */
export function eventOfType(doc: Doc, type: ScenarioEventType, from?: Partial<DocEvent>): DocEvent {
  const base: Record<string, unknown> = { type, atSec: from?.atSec ?? 0 };
  if (from?.label !== undefined) base.label = from.label;
  const lasted = from && 'durationSec' in from ? from.durationSec : undefined;
  if (LASTING.has(type) && lasted !== undefined) base.durationSec = lasted;
  const targets = eventTargets(doc, type);
  const target = from && 'target' in from && targets.includes(String(from.target)) ? from.target : targets[0];
  switch (type) {
    case 'trafficMultiplier':
      return { ...base, target: target ?? 'all', factor: 2 } as DocEvent;
    case 'killInstances':
      return { ...base, target: target ?? '', count: 1 } as DocEvent;
    case 'injectLatency':
      return { ...base, target: target ?? '', addMs: 100 } as DocEvent;
    case 'injectErrors':
      return { ...base, target: target ?? '', rate: 0.1 } as DocEvent;
    case 'setReplicas':
      return { ...base, target: target ?? '', replicas: 2 } as DocEvent;
    case 'restoreInstances':
    case 'cacheFlush':
    case 'rollingRestart':
      return { ...base, target: target ?? '' } as DocEvent;
    case 'killRegion':
      return { ...base, region: targets[0] ?? '' } as DocEvent;
    case 'partition':
      return { ...base, regionA: targets[0] ?? '', regionB: targets[1] ?? '' } as DocEvent;
    default: {
      const never: never = type;
      return never;
    }
  }
}

/** A new event for the list: traffic ×2 for 30 s, halfway through the run. */
export function newEvent(doc: Doc): DocEvent {
  const duration = doc.scenario.durationSec;
  const atSec = typeof duration === 'number' && duration > 0 ? Math.floor(duration / 2) : 0;
  return eventOfType(doc, 'trafficMultiplier', { atSec, durationSec: 30 });
}
