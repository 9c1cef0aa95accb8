import type { Simulation, SimulationOptions } from '../api.ts';
import { type ScenarioEvent, scenarioEvent, type Topology } from '../format/schema.ts';
import { E } from './codes.ts';
import { compile } from './compile.ts';

/**
 * Creates a simulation of a validated topology (see `validateTopology`). Same topology, seed and
 * options → bit-identical results. Throws a RangeError if the topology asks for something the engine
 * cannot do (more than 31 request classes, a sampling factor outside (0, 1]).
 *
 * `wallClock` (ms, e.g. `performance.now`) lets the caller measure the loop's wall time; the engine
 * itself never reads a clock.
 */
export function createSimulation(
  topology: Topology,
  options: SimulationOptions & { wallClock?: () => number } = {},
): Simulation {
  const e = compile(topology, options);
  e.start();
  const clock = options.wallClock;
  const timed = (run: () => number) => {
    if (!clock) return run();
    const t0 = clock();
    const n = run();
    e.recorder.wallMs += clock() - t0;
    return n;
  };
  const done = () => e.heap.peekTime() > e.endMs;
  return {
    get nowSec() {
      return e.now / 1000;
    },
    get endSec() {
      return e.endMs / 1000;
    },
    get done() {
      return done();
    },
    runUntil(simSec: number): number {
      if (Number.isNaN(simSec)) throw new RangeError('runUntil needs a time in seconds, got NaN');
      return timed(() => e.run(Math.min(simSec * 1000, e.endMs), Number.POSITIVE_INFINITY));
    },
    step(maxEvents: number): number {
      if (!(maxEvents >= 0)) throw new RangeError(`step needs a count ≥ 0, got ${maxEvents}`);
      if (done()) return 0;
      return timed(() => e.run(e.endMs, maxEvents));
    },
    applyEvent(input: ScenarioEvent): void {
      const parsed = scenarioEvent.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new RangeError(`invalid event: ${issue.path.join('.') || 'event'}: ${issue.message}`);
      }
      const event = parsed.data;
      checkTarget(e, event);
      const index = e.scenario.length;
      e.scenario.push({ event: { ...event, atSec: e.now / 1000 }, killed: [] });
      e.heap.push(e.now, E.scenario, index, 0);
      if ('durationSec' in event && event.durationSec !== undefined)
        e.heap.push(e.now + event.durationSec * 1000, E.scenario, index, 1);
    },
    snapshot(sinceWindow = 0) {
      return {
        nowSec: e.now / 1000,
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

function checkTarget(e: ReturnType<typeof compile>, event: ScenarioEvent): void {
  const node = (id: string) => e.nodeIndex.has(id);
  const edge = (id: string) => e.edges.some((x) => x.id === id);
  const region = (id: string) => e.regionIndex.has(id);
  let ok = true;
  switch (event.type) {
    case 'trafficMultiplier':
      ok = event.target === 'all' || e.clients.some((c) => c.id === event.target);
      break;
    case 'killRegion':
      ok = region(event.region);
      break;
    case 'partition':
      ok = region(event.regionA) && region(event.regionB);
      break;
    case 'injectLatency':
    case 'injectErrors':
      ok = node(event.target) || edge(event.target);
      break;
    default:
      ok = node(event.target);
  }
  if (!ok) throw new RangeError(`event ${event.type}: its target does not exist in this topology`);
}
