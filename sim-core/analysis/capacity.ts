import { SimulationError } from '../messages/Message.ts';
import { cloneDoc, type JsonDoc } from './paramPath.ts';
import type { RunMetrics, RunTask, TaskRunner } from './runPoint.ts';
import { type Slo, slosHold, sloValue } from './slo.ts';
import { type Estimate, estimate, relativeHalfWidth, seedFor } from './stats.ts';
import { scenarioSeed } from './sweep.ts';

/**
 * Capacity at an SLO: the largest traffic multiplier at which every SLO holds, with a 95 % interval.
 *
 * Each seed k gives one estimate: with that seed fixed, the run at load f is one sample path scaled in
 * time (arrival gaps are −ln U / rate: common random numbers across candidate loads), so whether the
 * SLOs hold is close to monotone in f and a bisection finds where it stops holding. The seeds' roots
 * are independent replications of the capacity; their mean and Student-t interval are the answer.
 * Seeds are added, a batch at a time, while the interval is wider than the precision asked for: the
 * search spends runs where the answer is still uncertain, and stops where it is not. Every decision
 * depends only on results, never on how many workers ran them or in which order.
 */
export interface CapacityOptions {
  slos: Slo[];
  /** `clients` (every client) or a client's id. */
  scale: string;
  /** Seeds in the first batch and in each batch added (default 5). */
  seeds?: number;
  /** Stop adding seeds here (default 40). */
  maxSeeds?: number;
  /** Target half-width of the interval relative to the estimate (default 0.02). */
  precision?: number;
  /** A seed's bisection stops when its bracket is this narrow, relative (default 0.002). */
  tolerance?: number;
  durationSec?: number;
  seed?: number;
  /** Multipliers of the capacity at which to draw the knee curve. */
  kneeFactors?: number[];
  onProgress?: (runs: number) => void;
  /** Each run as it finishes (when the runner reports them one by one): the editor draws them. */
  onRun?: (run: CapacityRun) => void;
}

/** One finished run of a capacity search: a bisection step (`search`) or a point of the knee. */
export interface CapacityRun {
  phase: 'search' | 'knee';
  factor: number;
  seedIndex: number;
  metrics: RunMetrics;
}

/** One seed's search: the last multiplier that held and the first that did not. */
export interface SeedRoot {
  seedIndex: number;
  seed: number;
  holds: number;
  fails: number;
  /** The geometric middle of the bracket: this seed's capacity. */
  factor: number;
}

export interface KneePoint {
  factor: number;
  offeredRps: number;
  /** One estimate per SLO, in the order given, over the seeds. */
  slo: Estimate[];
  p99Ms: Estimate;
  errorRatio: Estimate;
  /** The bottleneck's utilization at this load. */
  bottleneckUtilization: Estimate | null;
}

export interface CapacityResult {
  slos: Slo[];
  scale: string;
  /** The traffic multiplier, relative to the file's load. */
  factor: Estimate;
  /** The same in requests per second offered by the scaled clients (null for closed-loop clients). */
  offeredRps: Estimate | null;
  /** Requests per second the scaled clients offer at multiplier 1. */
  baseRps: number | null;
  roots: SeedRoot[];
  /** The node that saturates first: the highest utilization at the capacity, or the one refusing most. */
  bottleneck: { id: string; utilization: number | null } | null;
  knee: KneePoint[];
  /** True when the SLOs still held at the largest multiplier tried (`MAX_FACTOR`). */
  unbounded: boolean;
  runs: number;
}

export const MAX_FACTOR = 1024;
const MIN_FACTOR = 1 / 1024;
export const KNEE_FACTORS = [0.25, 0.5, 0.7, 0.8, 0.9, 0.95, 1, 1.05, 1.1, 1.2];

/**
 * A copy of `doc` with the traffic of `scale` (every client, or the client with that id) multiplied by
 * `factor`: open clients' `rateRps` and profile points, closed clients' `users` (rounded, at least 1).
 * Throws a `SimulationError` `analysis.scale.noClient` when `scale` names no client.
 */
export function scaleTraffic(doc: JsonDoc, scale: string, factor: number): JsonDoc {
  const copy = cloneDoc(doc);
  const clients = scaledClients(copy, scale);
  for (const client of clients) {
    const p = client.params;
    if (typeof p.rateRps === 'number') p.rateRps *= factor;
    if (Array.isArray(p.profile)) for (const point of p.profile) point.rps *= factor;
    if (p.arrival === 'closed' && typeof p.users === 'number')
      p.users = Math.max(1, Math.round(p.users * factor));
  }
  return copy;
}

interface ClientDoc {
  id: string;
  kind: string;
  params: { rateRps?: number; profile?: { rps: number }[]; arrival?: string; users?: number };
}

function scaledClients(doc: JsonDoc, scale: string): ClientDoc[] {
  const nodes = (Array.isArray(doc.nodes) ? doc.nodes : []) as ClientDoc[];
  const clients = nodes.filter((n) => n?.kind === 'client' && (scale === 'clients' || n.id === scale));
  if (clients.length === 0) {
    throw new SimulationError({ code: 'analysis.scale.noClient', params: { scale } });
  }
  return clients;
}

/** Requests per second the scaled open clients offer at multiplier 1 (a profile counts by its mean). */
export function baseOfferedRps(doc: JsonDoc, scale: string): number | null {
  let total = 0;
  for (const client of scaledClients(doc, scale)) {
    const p = client.params;
    if (p.arrival === 'closed') return null;
    if (typeof p.rateRps === 'number') total += p.rateRps;
    else if (Array.isArray(p.profile)) total += p.profile.reduce((s, x) => s + x.rps, 0) / p.profile.length;
  }
  return total;
}

export async function findCapacity(
  doc: JsonDoc,
  options: CapacityOptions,
  runTasks: TaskRunner,
): Promise<CapacityResult> {
  const batch = options.seeds ?? 5;
  const maxSeeds = Math.max(batch, options.maxSeeds ?? 40);
  const precision = options.precision ?? 0.02;
  const tolerance = options.tolerance ?? 0.002;
  const base = options.seed ?? scenarioSeed(doc);
  let runs = 0;
  let phase: CapacityRun['phase'] = 'search';
  const runAt = async (points: { factor: number; seedIndex: number }[]): Promise<RunMetrics[]> => {
    const tasks: RunTask[] = points.map(({ factor, seedIndex }) => ({
      doc: scaleTraffic(doc, options.scale, factor),
      seed: seedFor(base, seedIndex),
      durationSec: options.durationSec,
    }));
    const onRun = options.onRun;
    const results = await runTasks(
      tasks,
      onRun && ((index, metrics) => onRun({ phase, ...points[index], metrics })),
    );
    runs += tasks.length;
    options.onProgress?.(runs);
    return results;
  };

  const roots: SeedRoot[] = [];
  let factor = estimate([]);
  while (roots.length < maxSeeds) {
    const first = roots.length;
    const count = Math.min(batch, maxSeeds - first);
    roots.push(...(await searchSeeds(first, count, base, options.slos, tolerance, runAt)));
    factor = estimate(roots.map((r) => r.factor));
    if (roots.every((r) => r.holds >= MAX_FACTOR)) break;
    if (roots.length >= 2 && relativeHalfWidth(factor) <= precision) break;
  }
  const unbounded = roots.every((r) => r.holds >= MAX_FACTOR);
  const baseRps = baseOfferedRps(doc, options.scale);
  const offeredRps =
    baseRps === null || factor.mean === null
      ? null
      : {
          mean: factor.mean * baseRps,
          low: factor.low === null ? null : factor.low * baseRps,
          high: factor.high === null ? null : factor.high * baseRps,
          n: factor.n,
        };

  // The knee: every SLO's metric against load around the capacity, with the first batch of seeds.
  const center = unbounded ? MAX_FACTOR : (factor.mean ?? 1);
  const kneeFactors = options.kneeFactors ?? KNEE_FACTORS;
  const kneeSeeds = Math.min(batch, roots.length);
  const points = kneeFactors.flatMap((k) =>
    Array.from({ length: kneeSeeds }, (_, seedIndex) => ({ factor: center * k, seedIndex })),
  );
  phase = 'knee';
  const kneeRuns = await runAt(points);
  const at = (i: number) => kneeRuns.slice(i * kneeSeeds, (i + 1) * kneeSeeds);
  const atCapacity = at(Math.max(0, kneeFactors.indexOf(1)));
  const bottleneck = findBottleneck(atCapacity);
  const knee = kneeFactors.map((k, i) => {
    const mine = at(i);
    return {
      factor: center * k,
      offeredRps: baseRps === null ? Number.NaN : center * k * baseRps,
      slo: options.slos.map((slo) => estimate(mine.map((m) => sloValue(slo, m)))),
      p99Ms: estimate(mine.map((m) => m.latencyP99Ms)),
      errorRatio: estimate(mine.map((m) => m.errorRatio)),
      bottleneckUtilization: bottleneck
        ? estimate(mine.map((m) => m.utilization[bottleneck.id] ?? null))
        : null,
    };
  });
  return {
    slos: options.slos,
    scale: options.scale,
    factor,
    offeredRps,
    baseRps,
    roots,
    bottleneck,
    knee,
    unbounded,
    runs,
  };
}

/**
 * Bisects seeds first … first+count−1 side by side: each round runs one candidate per unfinished
 * seed, in one batch (so the pool stays busy), bracketing by doubling or halving from 1 and then
 * halving the bracket geometrically.
 */
async function searchSeeds(
  first: number,
  count: number,
  base: number,
  slos: readonly Slo[],
  tolerance: number,
  runAt: (points: { factor: number; seedIndex: number }[]) => Promise<RunMetrics[]>,
): Promise<SeedRoot[]> {
  const state = Array.from({ length: count }, (_, i) => ({
    seedIndex: first + i,
    holds: 0,
    fails: Number.POSITIVE_INFINITY,
    next: 1,
    done: false,
  }));
  for (;;) {
    const open = state.filter((s) => !s.done);
    if (open.length === 0) break;
    const results = await runAt(open.map((s) => ({ factor: s.next, seedIndex: s.seedIndex })));
    open.forEach((s, i) => {
      if (slosHold(slos, results[i])) s.holds = s.next;
      else s.fails = s.next;
      if (s.holds >= MAX_FACTOR || (s.holds === 0 && s.fails <= MIN_FACTOR)) s.done = true;
      else if (s.fails === Number.POSITIVE_INFINITY) s.next = s.holds * 2;
      else if (s.holds === 0) s.next = s.fails / 2;
      else if (s.fails / s.holds - 1 <= tolerance) s.done = true;
      else s.next = Math.sqrt(s.holds * s.fails);
    });
  }
  return state.map((s) => ({
    seedIndex: s.seedIndex,
    seed: seedFor(base, s.seedIndex),
    holds: s.holds,
    fails: s.fails,
    factor: s.holds >= MAX_FACTOR ? MAX_FACTOR : s.holds === 0 ? 0 : Math.sqrt(s.holds * s.fails),
  }));
}

/** The node with the highest mean utilization over the runs; failing that, the one refusing the most. */
export function findBottleneck(
  runs: readonly RunMetrics[],
): { id: string; utilization: number | null } | null {
  const utilization = new Map<string, number>();
  const refused = new Map<string, number>();
  for (const m of runs) {
    for (const [id, u] of Object.entries(m.utilization))
      utilization.set(id, (utilization.get(id) ?? 0) + u / runs.length);
    for (const [id, n] of Object.entries(m.queueFull)) refused.set(id, (refused.get(id) ?? 0) + n);
  }
  const top = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  const busiest = top(utilization);
  if (busiest) return { id: busiest[0], utilization: busiest[1] };
  const refusing = top(refused);
  return refusing ? { id: refusing[0], utilization: null } : null;
}
