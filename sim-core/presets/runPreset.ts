import { createSimulation } from '../engine/createSimulation.ts';
import type { Topology } from '../format/schema.ts';
import { parseTopologyText } from '../format/validate.ts';
import { issueText } from '../messages/issueText.ts';
import type { Summary, WindowStats } from '../results/types.ts';
import { checkExpectations, type ExpectationResult } from './expectations.ts';

/** A finished headless run of a preset and the verdict on each of its expectations. */
export interface PresetRun {
  topology: Topology;
  summary: Summary;
  windows: WindowStats[];
  results: ExpectationResult[];
}

/**
 * Parses a preset's text, runs it to its end and checks its expectations. Throws, listing every
 * issue, if the text does not validate.
 */
export function runPreset(text: string, name = 'preset'): PresetRun {
  const parsed = parseTopologyText(text);
  if (!parsed.ok) {
    const issues = parsed.issues.map((i) => `  ${i.path || '(root)'}: ${issueText('en', i)}`).join('\n');
    throw new Error(`${name} does not validate:\n${issues}`);
  }
  const sim = createSimulation(parsed.topology);
  sim.runUntil(sim.endSec);
  const { summary, windows } = sim.snapshot();
  return {
    topology: parsed.topology,
    summary,
    windows,
    results: checkExpectations(parsed.topology, summary, windows),
  };
}
