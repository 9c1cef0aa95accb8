import type { Budgets, SimulationOptions } from '../api.ts';
import { planSampling } from '../engine/sampling.ts';
import type { ScenarioEvent, Topology } from '../format/schema.ts';
import { type MessageParam, SimulationError } from '../messages/Message.ts';
import { DEFAULT_BUDGETS } from './defaults.ts';
import { type Contribution, estimateRun, type RunEstimate } from './estimate.ts';

export { DEFAULT_BUDGETS };

/**
 * The longest chain of synchronous calls the engine follows: an answer travels back up a chain in one
 * step, a few stack frames a hop, and the stack of a worker or of Node holds about a thousand hops of
 * the busiest kinds. Five times the deepest preset's 17 hops and more would still fit ten times over.
 */
export const MAX_CALL_DEPTH = 200;

/** `budgets` with the defaults filled in. Throws a `SimulationError` (`budget.invalid`) for a limit ≤ 0 or NaN. */
export function resolveBudgets(budgets: Budgets = {}): Required<Budgets> {
  const resolved = { ...DEFAULT_BUDGETS, ...stripUndefined(budgets) };
  for (const field of ['maxMemoryBytes', 'maxEvents'] as const) {
    const value = resolved[field];
    if (!(typeof value === 'number' && value > 0)) {
      throw new SimulationError({
        code: 'budget.invalid',
        params: { field, got: typeof value === 'number' ? value : String(value) },
      });
    }
  }
  return resolved;
}

function stripUndefined(budgets: Budgets): Budgets {
  const out: Budgets = {};
  if (budgets.maxMemoryBytes !== undefined) out.maxMemoryBytes = budgets.maxMemoryBytes;
  if (budgets.maxEvents !== undefined) out.maxEvents = budgets.maxEvents;
  return out;
}

/**
 * Estimates a run of `topology` with `options` (see `estimateRun`) and refuses it, before anything is
 * allocated, if it would exceed its budgets. Throws a `SimulationError`: `budget.memory` or
 * `budget.events` (whichever is exceeded by more), its `path` the document field that contributes most
 * and its params the estimate, the limit and that field's value; `budget.invalid` for a bad limit;
 * `engine.callDepth` for a chain of synchronous calls longer than `MAX_CALL_DEPTH`; a RangeError for a sampling factor outside (0, 1]. Returns the estimate otherwise.
 */
export function checkBudgets(topology: Topology, options: SimulationOptions = {}): RunEstimate {
  const budgets = resolveBudgets(options.budgets);
  const durationSec = options.durationSec ?? topology.scenario.durationSec;
  const { factor } = planSampling(topology, options.sampling ?? 'auto');
  const estimate = estimateRun(topology, durationSec, factor);
  const chain = estimate.callChain;
  if (chain.depth > MAX_CALL_DEPTH) {
    throw new SimulationError({
      code: 'engine.callDepth',
      params: { depth: chain.depth, limit: MAX_CALL_DEPTH, nodes: chain.nodes },
      path: chain.path,
      nodes: chain.nodes,
    });
  }
  refuseOver(estimate, budgets, options.durationSec !== undefined ? 'durationSec' : null, null);
  return estimate;
}

/**
 * Estimated memory of everything but the requests in flight: what a run holds whatever its traffic. The
 * rest of the memory budget is what the kernel lets the requests in flight take.
 */
export function structureBytes(estimate: RunEstimate): number {
  let bytes = 0;
  for (const c of estimate.memory) if (c.kind !== 'inFlight' && c.kind !== 'fanOut') bytes += c.amount;
  return bytes;
}

/**
 * The same check for a scenario event applied to a running simulation (`setReplicas`,
 * `trafficMultiplier`): the run is estimated again with `applied` (the live events so far) and `event`
 * added, at the run's sampling `factor`. Throws like `checkBudgets`; the path of a field of `event`
 * itself is `event.replicas` / `event.factor`.
 */
export function checkLiveEvent(
  topology: Topology,
  applied: readonly ScenarioEvent[],
  event: ScenarioEvent,
  run: { durationSec: number; factor: number; budgets: Required<Budgets> },
): void {
  if (event.type !== 'setReplicas' && event.type !== 'trafficMultiplier') return;
  const events = [...topology.scenario.events, ...applied, event];
  const changed: Topology = { ...topology, scenario: { ...topology.scenario, events } };
  const estimate = estimateRun(changed, run.durationSec, run.factor);
  refuseOver(estimate, run.budgets, null, `scenario.events[${events.length - 1}]`);
}

/** Throws the budget error for the larger overrun of `estimate`, if any. */
function refuseOver(
  estimate: RunEstimate,
  budgets: Required<Budgets>,
  option: 'durationSec' | null,
  liveEvent: string | null,
): void {
  const never = estimate.neverEnds;
  if (never !== null) {
    // No number of events is the answer here: the run would never end, whatever the budget.
    throw new SimulationError({
      code: never.kind === 'zeroTime' ? 'budget.zeroTimeLoop' : 'budget.unboundedLoop',
      params: { field: never.path, queue: never.nodes[0], nodes: never.nodes },
      path: never.path,
      nodes: never.nodes,
    });
  }
  const memory = estimate.memoryBytes / budgets.maxMemoryBytes;
  const events = estimate.events / budgets.maxEvents;
  if (!(memory > 1) && !(events > 1)) return;
  const isMemory = memory >= events || Number.isNaN(events);
  const top = (isMemory ? estimate.memory : estimate.work)[0];
  const path =
    liveEvent !== null && top.path.startsWith(`${liveEvent}.`)
      ? `event${top.path.slice(liveEvent.length)}`
      : top.path;
  throw new SimulationError({
    code: isMemory ? 'budget.memory' : 'budget.events',
    params: {
      ...contributionParams(top),
      field: path,
      estimate: finite(isMemory ? estimate.memoryBytes : estimate.events),
      limit: isMemory ? budgets.maxMemoryBytes : budgets.maxEvents,
      durationSec: estimate.durationSec,
      factor: estimate.factor,
      option: option !== null && path === 'scenario.durationSec' ? '--duration' : null,
    },
    path,
    nodes: top.nodes,
  });
}

function contributionParams(c: Contribution): Record<string, MessageParam> {
  return {
    what: c.kind,
    value: finite(c.value),
    share: finite(c.amount),
    count: c.count === undefined ? null : finite(c.count),
    requests: c.requests === undefined ? null : finite(c.requests),
    eventsPerRequest: c.eventsPerRequest === undefined ? null : finite(c.eventsPerRequest),
  };
}

/** A message parameter of an amount: Infinity is not JSON, so an unbounded amount travels as null. */
export const finite = (x: number) => (Number.isFinite(x) ? x : null);
