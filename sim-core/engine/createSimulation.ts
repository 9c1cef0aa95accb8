import type { ScenarioEventInput, Simulation, SimulationOptions } from '../api.ts';
import { EVENT_TARGETS } from '../format/eventTargets.ts';
import { NODE_KINDS, type ScenarioEvent, scenarioEvent, type Topology } from '../format/schema.ts';
import { checkBudgets, checkLiveEvent, resolveBudgets, structureBytes } from '../limits/budgets.ts';
import { EventKind } from './codes.ts';
import { compile, start } from './compile.ts';

/**
 * Creates a simulation of a validated topology (see `validateTopology`). Same topology, seed and
 * options → bit-identical results. Throws a RangeError if the topology asks for something the engine
 * cannot do (more than 31 request classes, a sampling factor outside (0, 1]), and a `SimulationError`
 * (`budget.memory`, `budget.events`) before allocating anything if the run would exceed its budgets
 * (`options.budgets`, see `Budgets`). The kernel enforces them while it runs: `runUntil` and `step`
 * then throw its `SimulationError`, and keep throwing it; `summary()` still reports the run so far.
 *
 * `wallClock` (ms, e.g. a high-resolution timer) lets the caller measure the loop's wall time; the engine
 * itself never reads a clock.
 */
export function createSimulation(
  topology: Topology,
  options: SimulationOptions & { wallClock?: () => number } = {},
): Simulation {
  const estimate = checkBudgets(topology, options);
  const budgets = resolveBudgets(options.budgets);
  // The kernel's guards enforce the same budgets while the run goes: its events, and the requests in
  // flight, which may take what the structures estimated before the run leave of the memory budget.
  const e = compile(topology, {
    ...options,
    budgets: {
      maxEvents: budgets.maxEvents,
      maxMemoryBytes: budgets.maxMemoryBytes - structureBytes(estimate),
    },
  });
  start(e);
  const liveEvents: ScenarioEvent[] = [];
  const clock = options.wallClock;
  const timed = (run: () => number) => {
    if (!clock) return run();
    const t0 = clock();
    const n = run();
    e.recorder.wallMs += clock() - t0;
    return n;
  };
  const done = () => e.k.nextTime() > e.endMs;
  return {
    get nowSec() {
      return e.k.now / 1000;
    },
    get endSec() {
      return e.endMs / 1000;
    },
    get done() {
      return done();
    },
    runUntil(simSec: number): number {
      if (Number.isNaN(simSec)) throw new RangeError('runUntil needs a time in seconds, got NaN');
      return timed(() => e.run(simSec * 1000, Number.POSITIVE_INFINITY));
    },
    step(maxEvents: number): number {
      if (!(maxEvents >= 0)) throw new RangeError(`step needs a count ≥ 0, got ${maxEvents}`);
      if (done()) return 0;
      return timed(() => e.run(e.endMs, maxEvents));
    },
    applyEvent(input: ScenarioEventInput): void {
      // A live event happens now: its atSec may be left out.
      const parsed = scenarioEvent.safeParse({ atSec: 0, ...input });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new RangeError(`invalid event: ${issue.path.join('.') || 'event'}: ${issue.message}`);
      }
      const event = parsed.data;
      checkTarget(e, event);
      const now = { ...event, atSec: e.k.now / 1000 };
      checkLiveEvent(topology, liveEvents, now, { durationSec: e.endMs / 1000, factor: e.factor, budgets });
      liveEvents.push(now);
      const index = e.scenario.length;
      e.scenario.push({ event: now, killed: [] });
      e.k.schedule(0, EventKind.scenario, index, 0);
      if ('durationSec' in event && event.durationSec !== undefined)
        e.k.schedule(event.durationSec * 1000, EventKind.scenario, index, 1);
    },
    snapshot(sinceWindow = 0) {
      return {
        nowSec: e.k.now / 1000,
        endSec: e.endMs / 1000,
        done: done(),
        windows: e.recorder.windows.slice(Math.max(0, sinceWindow)),
        summary: e.recorder.summary(e),
      };
    },
    summary() {
      return e.recorder.summary(e);
    },
  };
}

/** Refuses an event whose target is missing or of the wrong kind, naming both. */
function checkTarget(e: ReturnType<typeof compile>, event: ScenarioEvent): void {
  if (event.type === 'killRegion' || event.type === 'partition') {
    const regions = event.type === 'killRegion' ? [event.region] : [event.regionA, event.regionB];
    for (const id of regions)
      if (!e.regionIndex.has(id)) throw new RangeError(`${event.type}: no region "${id}"`);
    if (event.type === 'partition' && event.regionA === event.regionB) {
      throw new RangeError('partition: regionA and regionB must differ');
    }
    return;
  }
  const rule = EVENT_TARGETS[event.type]!;
  const id = event.target;
  if (rule.all && id === 'all') return;
  const index = e.nodeIndex.get(id);
  const kind = index === undefined ? undefined : NODE_KINDS[e.nodes[index].kind];
  if (event.type === 'killInstances' && event.role === 'primary' && kind !== undefined && kind !== 'database')
    throw new RangeError(`killInstances: role "primary" needs a database; "${id}" is a ${kind}`);
  if (kind !== undefined && rule.kinds.includes(kind)) return;
  const isEdge = e.edges.some((x) => x.id === id);
  if (kind === undefined && rule.edges && isEdge) return;
  const wanted = `${rule.kinds.join(', ')}${rule.edges ? ' node or an edge' : ' node'}`;
  if (kind === undefined && !isEdge)
    throw new RangeError(`${event.type}: no node${rule.edges ? ' or edge' : ''} "${id}"`);
  throw new RangeError(
    `${event.type}: "${id}" is ${kind ? `a ${kind}` : 'an edge'}; this event needs a ${wanted}`,
  );
}
