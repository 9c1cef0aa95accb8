import type { SimulationOptions } from '../api.ts';
import { createSimulation } from '../engine/createSimulation.ts';
import type { Distribution } from '../format/distribution.ts';
import type { Topology, TopologyInput } from '../format/schema.ts';
import { validateTopology } from '../format/validate.ts';
import { issueText } from '../messages/issueText.ts';
import type { MetricRow, Summary, WindowStats } from '../results/types.ts';

/*
 * The headless simulation harness for behaviour tests: build a small topology in TypeScript, validate
 * it the way a file is loaded (defaults filled in), run it to the end and read what a user would see.
 */

/** A topology without the envelope; `format` and `version` are added. */
export type Doc = Omit<TopologyInput, 'format' | 'version'>;
export type NodeInput = TopologyInput['nodes'][number];
export type EdgeInput = NonNullable<TopologyInput['edges']>[number];

/** Validates `doc` like a loaded file; throws listing every issue, so a typo in a test fails loudly. */
export function topology(doc: Doc): Topology {
  const result = validateTopology({ format: 'archsim.topology', version: 1, ...doc });
  if (!result.ok) {
    const list = result.issues.map((i) => `  ${i.path || '(root)'}: ${issueText('en', i)}`).join('\n');
    throw new Error(`test topology is invalid:\n${list}`);
  }
  return result.topology;
}

export interface RunResult {
  summary: Summary;
  windows: WindowStats[];
}

/**
 * Runs `doc` to its end and returns the summary and every window.
 *
 * `ARCHSIM_SEED_OFFSET=n npx vitest run …` adds n to every run's seed: the behaviour tests' tolerances
 * are statistical, not tuned to one seed, and this is how to check that they hold for others (after a
 * change to how the engine draws random numbers, say).
 */
export function run(doc: Doc, options: SimulationOptions = {}): RunResult {
  const offset = Number(process.env.ARCHSIM_SEED_OFFSET ?? 0);
  const seeded =
    offset > 0 ? { ...options, seed: offset + (options.seed ?? doc.scenario.seed ?? 1) } : options;
  const sim = createSimulation(topology(doc), seeded);
  sim.runUntil(sim.endSec);
  const snap = sim.snapshot();
  return { summary: snap.summary, windows: snap.windows };
}

export const constant = (value: number): Distribution => ({ dist: 'constant', value });
export const exponential = (mean: number): Distribution => ({ dist: 'exponential', mean });

/** An edge with an id made of its endpoints (`a->b`). */
export function edge(source: string, target: string, params: EdgeInput['params'] = {}): EdgeInput {
  return { id: `${source}->${target}`, source, target, params };
}

/** The windows whose start lies in [fromSec, toSec). */
export function windowsIn(windows: WindowStats[], fromSec: number, toSec: number): WindowStats[] {
  return windows.filter((w) => w.startSec >= fromSec - 1e-9 && w.startSec < toSec - 1e-9);
}

/** Sums `pick` over windows. */
export function sum(windows: WindowStats[], pick: (w: WindowStats) => number): number {
  let total = 0;
  for (const w of windows) total += pick(w);
  return total;
}

/** A node's row in a window, failing clearly when the node is missing. */
export function nodeRow(w: WindowStats, id: string): MetricRow {
  const row = w.nodes[id];
  if (!row) throw new Error(`window ${w.index} has no node "${id}"`);
  return row;
}

/** An edge's row in a window. */
export function edgeRow(w: WindowStats, id: string): MetricRow {
  const row = w.edges[id];
  if (!row) throw new Error(`window ${w.index} has no edge "${id}"`);
  return row;
}
