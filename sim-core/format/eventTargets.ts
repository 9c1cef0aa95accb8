import type { NodeKind, ScenarioEventType } from './schema.ts';

/** What a scenario event's `target` may name: node kinds, an edge, or "all" clients. */
export interface TargetRule {
  kinds: readonly NodeKind[];
  edges?: boolean;
  all?: boolean;
}

const WORKING: readonly NodeKind[] = ['service', 'database'];
const NOT_CLIENT: readonly NodeKind[] = ['service', 'database', 'loadBalancer', 'pool', 'cache', 'queue'];

/**
 * The target rules of every event with a `target`, shared by the file validator and by live
 * `applyEvent`, so that a file and the UI refuse the same things. Region events name regions instead.
 */
export const EVENT_TARGETS: Partial<Record<ScenarioEventType, TargetRule>> = {
  trafficMultiplier: { kinds: ['client'], all: true },
  killInstances: { kinds: WORKING },
  restoreInstances: { kinds: WORKING },
  setReplicas: { kinds: ['service'] },
  rollingRestart: { kinds: WORKING },
  cacheFlush: { kinds: ['cache'] },
  // On a balancer, pool, cache or queue, injected latency and errors act on the calls into it.
  injectLatency: { kinds: NOT_CLIENT, edges: true },
  injectErrors: { kinds: NOT_CLIENT, edges: true },
};
