/**
 * A child process for `sim-core/limits/memory.test.ts` (run with `node --expose-gc --import tsx`): runs
 * the topology file named on the command line to its end and prints, as JSON, the heap and typed-array
 * bytes the simulation holds then (`heapUsed + arrayBuffers` after two full collections, minus the same
 * before it was created) and what the resource model estimated.
 */
import { readFileSync } from 'node:fs';
import { createSimulation } from '../engine/createSimulation.ts';
import { parseTopologyText } from '../format/validate.ts';
import { checkBudgets } from '../limits/budgets.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const held = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const result = parseTopologyText(readFileSync(process.argv[2], 'utf8'));
if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 5)));
const unlimited = {
  budgets: { maxEvents: Number.POSITIVE_INFINITY, maxMemoryBytes: Number.POSITIVE_INFINITY },
};
const estimate = checkBudgets(result.topology, unlimited);
const before = held();
const sim = createSimulation(result.topology, unlimited);
sim.runUntil(sim.endSec);
const measuredBytes = held() - before;
process.stdout.write(
  JSON.stringify({ measuredBytes, estimatedBytes: estimate.memoryBytes, events: sim.summary().events }),
);
