import { SimulationError } from '../messages/Message.ts';
import { hashString } from '../random/Prng.ts';
import type { JsonDoc } from './paramPath.ts';
import type { RunMetrics } from './runPoint.ts';
import type { SweepPlan, SweepResult } from './sweep.ts';

/**
 * Slicing a sweep across machines: shard I of N runs the tasks whose index is I modulo N (so every
 * shard gets points from the whole grid, and slow corners are shared), and writes a shard file with
 * each run's full-precision metrics. `mergeShards` puts them back in task order; the CSV files built
 * from that are the ones an unsharded run writes, byte for byte, apart from the wall times.
 */
export interface Shard {
  index: number;
  count: number;
}

export const SHARD_FORMAT = 'archsim.sweepShard';

export interface ShardFile {
  format: typeof SHARD_FORMAT;
  version: 1;
  /** Identifies the document and plan: shards of different sweeps refuse to merge. */
  key: string;
  plan: SweepPlan;
  shard: Shard;
  tasks: number;
  runs: { task: number; metrics: RunMetrics }[];
}

/** The task indices shard `shard` runs out of `tasks`. */
export function shardTaskIndices(shard: Shard, tasks: number): number[] {
  const indices: number[] = [];
  for (let i = shard.index; i < tasks; i += shard.count) indices.push(i);
  return indices;
}

/** The key of a sweep: a hash of its document and plan. */
export function sweepKey(doc: JsonDoc, plan: SweepPlan): string {
  const text = JSON.stringify({ doc, plan });
  return `${hashString(text).toString(16).padStart(8, '0')}-${text.length}`;
}

/**
 * Merges shard files (in any order) into the sweep's result. Throws a `SimulationError`:
 * `analysis.merge.none` (no file), `analysis.merge.mismatch` (files of different sweeps),
 * `analysis.merge.missing` (tasks no shard ran, with the missing shard indices), `analysis.merge.duplicate`.
 */
export function mergeShards(files: readonly ShardFile[]): SweepResult {
  if (files.length === 0) throw new SimulationError({ code: 'analysis.merge.none', params: {} });
  const [first] = files;
  for (const file of files) {
    if (file.key !== first.key || file.tasks !== first.tasks || file.shard.count !== first.shard.count) {
      throw new SimulationError({
        code: 'analysis.merge.mismatch',
        params: {
          a: `${first.shard.index}/${first.shard.count}`,
          b: `${file.shard.index}/${file.shard.count}`,
        },
      });
    }
  }
  const runs: (RunMetrics | undefined)[] = new Array(first.tasks);
  for (const file of files) {
    for (const { task, metrics } of file.runs) {
      if (runs[task] !== undefined) {
        throw new SimulationError({ code: 'analysis.merge.duplicate', params: { shard: file.shard.index } });
      }
      runs[task] = metrics;
    }
  }
  const missing = new Set<number>();
  for (let i = 0; i < first.tasks; i++) if (runs[i] === undefined) missing.add(i % first.shard.count);
  if (missing.size > 0) {
    throw new SimulationError({
      code: 'analysis.merge.missing',
      params: { shards: [...missing].sort((a, b) => a - b), count: first.shard.count },
    });
  }
  return { plan: first.plan, runs: runs as RunMetrics[] };
}
