import { readFileSync } from 'node:fs';
import type { SimulationOptions } from '../api.ts';
import { createSimulation } from '../engine/createSimulation.ts';
import type { Topology } from '../format/schema.ts';
import { parseTopologyText } from '../format/validate.ts';
import { issueText } from '../messages/issueText.ts';
import type { Summary, WindowStats } from '../results/types.ts';

/** What a finished run of a fixture gives a test. */
export interface FixtureRun {
  topology: Topology;
  summary: Summary;
  /** Every window, warm-up windows included. */
  windows: WindowStats[];
}

/**
 * The headless harness: runs `sim-core/test/fixtures/<name>` the way a user's file is run (read the
 * text → `parseTopologyText` → `createSimulation` → `runUntil(endSec)` → `summary`). Throws, listing
 * the issues, if the fixture does not validate. `ARCHSIM_SEED_OFFSET=n` in the environment
 * shifts the seed.
 */
export function runTopologyFile(name: string, options: SimulationOptions = {}): FixtureRun {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  const parsed = parseTopologyText(text);
  if (!parsed.ok) {
    const issues = parsed.issues.map((i) => `  ${i.path || '(root)'}: ${issueText('en', i)}`).join('\n');
    throw new Error(`fixture ${name} does not validate:\n${issues}`);
  }
  // ARCHSIM_SEED_OFFSET=n shifts the seed, as simHarness does: a tolerance must hold for any seed.
  const offset = Number(process.env.ARCHSIM_SEED_OFFSET ?? 0);
  const seed = offset > 0 ? { seed: offset + (options.seed ?? parsed.topology.scenario.seed) } : {};
  const sim = createSimulation(parsed.topology, { ...options, ...seed });
  sim.runUntil(sim.endSec);
  return { topology: parsed.topology, summary: sim.summary(), windows: sim.snapshot().windows };
}
