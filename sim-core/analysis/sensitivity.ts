import { validateTopology } from '../format/validate.ts';
import { issueLine } from '../messages/issueText.ts';
import { findCapacity } from './capacity.ts';
import { getAt, type JsonDoc, type JsonStep, resolveParamPath } from './paramPath.ts';
import type { TaskRunner } from './runPoint.ts';
import type { Slo } from './slo.ts';
import { type Estimate, estimate, seedFor } from './stats.ts';
import { scenarioSeed, withValues } from './sweep.ts';

/**
 * One-at-a-time sensitivity with common random numbers: each parameter is moved down and up by
 * `delta` (integers by at least one step), every variant runs the same seeds, and the effect of a
 * parameter is the paired difference metric(up) − metric(down), seed by seed, so the noise the two
 * runs share cancels. Parameters are ranked by the size of that effect: a tornado chart's bars.
 */
export interface SensitivityOptions {
  metric: 'p99' | 'capacity';
  /** Relative change, e.g. 0.2 for ±20 %. */
  delta: number;
  /** Paths to vary; empty for every numeric parameter of the nodes and edges. */
  params: string[];
  seeds?: number;
  durationSec?: number;
  seed?: number;
  /** For `capacity`. */
  slos?: Slo[];
  scale?: string;
}

export interface ParameterEffect {
  path: string;
  base: number;
  low: number;
  high: number;
  /** The metric with the parameter at low and at high, over the seeds. */
  atLow: Estimate;
  atHigh: Estimate;
  /** metric(high) − metric(low), paired by seed. */
  effect: Estimate;
  rank: number;
}

export interface SensitivityResult {
  metric: 'p99' | 'capacity';
  delta: number;
  baseline: Estimate;
  effects: ParameterEffect[];
  /** Parameters left out, with why: a move the file format refuses (a probability above 1, say). */
  skipped: { path: string; reason: string }[];
}

/** Parameters that only take whole numbers. */
const INTEGER_KEYS = new Set([
  'replicas',
  'concurrency',
  'maxInFlight',
  'queueCapacity',
  'users',
  'shards',
  'replicasPerShard',
  'maxConnections',
  'count',
  'max',
  'min',
  'minRequests',
  'burst',
  'maxRetries',
  'capacity',
  'k',
  'stage',
]);
/** Parameters that are probabilities. */
const PROBABILITY_KEYS = new Set(['errorRate', 'hitRatio', 'readRatio', 'probability', 'jitter', 'zipfS']);
/** Numbers that are not knobs of the design. */
const NOT_KNOBS = new Set(['x', 'y', 'width', 'height', 'atSec', 'stage']);

/** Every numeric parameter of the nodes and edges, as paths by id (non-zero values only). */
export function numericParameters(doc: JsonDoc): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, path: string, key: string) => {
    if (typeof value === 'number') {
      if (value !== 0 && !NOT_KNOBS.has(key)) paths.push(path);
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`, key);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, k);
    }
  };
  for (const list of ['nodes', 'edges'] as const) {
    for (const item of (doc[list] ?? []) as { id: string; params?: unknown }[]) {
      if (item.params !== undefined) walk(item.params, `${list}.${item.id}.params`, 'params');
    }
  }
  return paths;
}

/** The values a parameter moves to: ±delta, integers by at least one, probabilities kept in [0, 1]. */
export function moves(key: string, value: number, delta: number): [number, number] {
  if (INTEGER_KEYS.has(key) && Number.isInteger(value)) {
    const low = Math.min(value - 1, Math.round(value * (1 - delta)));
    const high = Math.max(value + 1, Math.round(value * (1 + delta)));
    return [Math.max(low, key === 'queueCapacity' || key === 'max' || key === 'maxRetries' ? 0 : 1), high];
  }
  const low = value * (1 - delta);
  const high = value * (1 + delta);
  return PROBABILITY_KEYS.has(key) ? [Math.max(0, low), Math.min(1, high)] : [low, high];
}

export async function sensitivity(
  doc: JsonDoc,
  options: SensitivityOptions,
  runTasks: TaskRunner,
): Promise<SensitivityResult> {
  const seeds = options.seeds ?? 5;
  const base = options.seed ?? scenarioSeed(doc);
  const paths = options.params.length > 0 ? options.params : numericParameters(doc);
  const skipped: { path: string; reason: string }[] = [];
  const variants: { path: string; base: number; low: number; high: number; docs: [JsonDoc, JsonDoc] }[] = [];
  for (const path of paths) {
    const steps: JsonStep[] = resolveParamPath(doc, path);
    const value = getAt(doc, steps);
    if (typeof value !== 'number') {
      skipped.push({ path, reason: 'unset' });
      continue;
    }
    const [low, high] = moves(String(steps[steps.length - 1]), value, options.delta);
    const docs: [JsonDoc, JsonDoc] = [withValues(doc, [steps], [low]), withValues(doc, [steps], [high])];
    const refused = docs.map((d) => validateTopology(d)).find((r) => !r.ok);
    if (refused && !refused.ok) {
      skipped.push({ path, reason: issueLine('en', refused.issues[0]) });
      continue;
    }
    variants.push({ path, base: value, low, high, docs });
  }

  // Per document, one value per seed: the metric itself (p99) or each seed's capacity root.
  const measure = async (docs: JsonDoc[]): Promise<(number | null)[][]> => {
    if (options.metric === 'p99') {
      const tasks = docs.flatMap((d) =>
        Array.from({ length: seeds }, (_, k) => ({
          doc: d,
          seed: seedFor(base, k),
          durationSec: options.durationSec,
        })),
      );
      const results = await runTasks(tasks);
      return docs.map((_, i) => results.slice(i * seeds, (i + 1) * seeds).map((m) => m.latencyP99Ms));
    }
    const out: (number | null)[][] = [];
    for (const d of docs) {
      const found = await findCapacity(
        d,
        {
          slos: options.slos ?? [],
          scale: options.scale ?? 'clients',
          seeds,
          maxSeeds: seeds,
          durationSec: options.durationSec,
          seed: base,
          kneeFactors: [],
        },
        runTasks,
      );
      out.push(found.roots.map((r) => r.factor));
    }
    return out;
  };

  const measured = await measure([doc, ...variants.flatMap((v) => v.docs)]);
  const baseline = estimate(measured[0]);
  const effects = variants.map((v, i) => {
    const lows = measured[1 + 2 * i];
    const highs = measured[2 + 2 * i];
    const paired = highs.map((h, k) => (h === null || lows[k] === null ? null : h - (lows[k] as number)));
    return {
      path: v.path,
      base: v.base,
      low: v.low,
      high: v.high,
      atLow: estimate(lows),
      atHigh: estimate(highs),
      effect: estimate(paired),
      rank: 0,
    };
  });
  effects.sort(
    (a, b) => Math.abs(b.effect.mean ?? 0) - Math.abs(a.effect.mean ?? 0) || (a.path < b.path ? -1 : 1),
  );
  effects.forEach((e, i) => {
    e.rank = i + 1;
  });
  return { metric: options.metric, delta: options.delta, baseline, effects, skipped };
}
