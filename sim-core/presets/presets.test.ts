import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalizedText } from '../format/schema.ts';
import { parseTopologyText } from '../format/validate.ts';
import { issueLine } from '../messages/issueText.ts';
import { runPreset } from './runPreset.ts';

/*
 * Every preset in presets/ is a claim about the model: it validates, runs headless in bounded work, and meets
 * every expectation it states. A failing expectation prints what was measured against what was
 * expected, so recalibrating a preset after an engine change starts from the numbers.
 */

const DIR = new URL('../../presets/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.archsim.json'))
  .sort();
/**
 * The work a preset may take, in events: a machine-independent measure of "runs in seconds on a
 * laptop" (the engine processes several million events a second), and a test that cannot flake on a
 * loaded machine as a wall-clock limit does.
 */
const EVENT_BUDGET = 40_000_000;

const read = (file: string) => readFileSync(new URL(file, DIR), 'utf8');

function bothLanguages(text: LocalizedText | undefined): boolean {
  return typeof text === 'object' && !!text.en?.trim() && !!text['zh-CN']?.trim();
}

/**
 * The two parts every narrative ends with, in each language: what the file sets (and whether each
 * value is the story's, chosen or tuned), then what the run produces from it.
 */
const NARRATIVE_PARTS = {
  en: ['Inputs:', 'What emerges:'],
  'zh-CN': ['输入：', '自然得出的结果：'],
} as const;

/** A narrative's inputs and emergent parts, or what is wrong with its structure. */
function narrativeParts(
  text: string,
  [inputs, emerges]: readonly [string, string],
): { inputs: string; emerges: string } | string {
  for (const marker of [inputs, emerges]) {
    const times = text.split(marker).length - 1;
    if (times !== 1) return `"${marker}" appears ${times} times, not once`;
  }
  const at = text.indexOf(inputs);
  const emergesAt = text.indexOf(emerges);
  if (emergesAt < at) return `"${emerges}" comes before "${inputs}"`;
  return {
    inputs: text.slice(at + inputs.length, emergesAt).trim(),
    emerges: text.slice(emergesAt + emerges.length).trim(),
  };
}

/**
 * The figures a text states, as a sorted list of distinct numbers, so that the two languages can be
 * compared: "11,200" and "20 000" are one figure each, "4200 万" is 42 000 000 as "42 million" is,
 * "0.200" is 0.2. Digits inside words count too ("p99"), and they are the same in both languages.
 */
function figures(text: string): number[] {
  const found = new Set<number>();
  for (const m of text.matchAll(/\d+(?:[ ,]\d{3}(?!\d))*(?:\.\d+)?(?:\s*(万|million\b))?/g)) {
    const value = Number(m[0].replace(/\s*(万|million)$/, '').replace(/[ ,]/g, ''));
    const scale = m[1] === '万' ? 1e4 : m[1] === 'million' ? 1e6 : 1;
    found.add(Number((value * scale).toPrecision(12)));
  }
  return [...found].sort((a, b) => a - b);
}

describe('presets', () => {
  it('exist, at least one per stage', () => {
    const stages = new Set(
      FILES.map((f) => {
        const parsed = parseTopologyText(read(f));
        return parsed.ok ? parsed.topology.stage : undefined;
      }),
    );
    expect([...stages].sort()).toEqual(['expansion', 'growth', 'startup', 'trillion']);
  });

  describe.each(FILES)('%s', (file) => {
    it('validates and has a stage, name, description and narrative in English and Chinese', () => {
      const parsed = parseTopologyText(read(file));
      if (!parsed.ok) throw new Error(parsed.issues.map((i) => issueLine('en', i)).join('\n'));
      const t = parsed.topology;
      expect(t.stage).toBeDefined();
      expect(bothLanguages(t.name), 'name').toBe(true);
      expect(bothLanguages(t.description), 'description').toBe(true);
      expect(bothLanguages(t.narrative), 'narrative').toBe(true);
      expect(t.expectations?.length, 'expectations').toBeGreaterThan(0);
      for (const x of t.expectations ?? []) expect(bothLanguages(x.description), x.id).toBe(true);
      for (const e of t.scenario.events) expect(bothLanguages(e.label), `${e.type} label`).toBe(true);
    });

    it('says in both languages which figures are inputs and which emerge, with the same figures', () => {
      const parsed = parseTopologyText(read(file));
      const narrative = parsed.ok ? parsed.topology.narrative : undefined;
      if (typeof narrative !== 'object') throw new Error('no narrative in English and Chinese');
      const { en, 'zh-CN': zh } = narrative;
      const english = narrativeParts(en ?? '', NARRATIVE_PARTS.en);
      const chinese = narrativeParts(zh ?? '', NARRATIVE_PARTS['zh-CN']);
      if (typeof english === 'string') throw new Error(`English narrative: ${english}`);
      if (typeof chinese === 'string') throw new Error(`Chinese narrative: ${chinese}`);
      expect(figures(english.inputs).length, 'figures among the inputs').toBeGreaterThan(0);
      expect(figures(english.emerges).length, 'figures that emerge').toBeGreaterThan(0);
      expect(figures(chinese.inputs), 'the same input figures in Chinese as in English').toEqual(
        figures(english.inputs),
      );
      expect(figures(chinese.emerges), 'the same emergent figures in Chinese as in English').toEqual(
        figures(english.emerges),
      );
    });

    it('names a before/after partner that points back', () => {
      const parsed = parseTopologyText(read(file));
      if (!parsed.ok || !parsed.topology.pair) return;
      const { with: other, side } = parsed.topology.pair;
      expect(FILES, `pair.with "${other}"`).toContain(other);
      const partner = parseTopologyText(read(other));
      expect(partner.ok && partner.topology.pair).toEqual({
        with: file,
        side: side === 'before' ? 'after' : 'before',
      });
    });

    // The timeout only catches a hang: on a machine shared with other work a long preset can take
    // minutes of wall time, and its cost is bounded by the event budget instead.
    it('runs headless within its event budget and meets all its expectations', { timeout: 600_000 }, () => {
      const { results, summary } = runPreset(read(file), file);
      expect(summary.events, 'events processed').toBeLessThan(EVENT_BUDGET);
      const failed = results.filter((r) => !r.ok).map((r) => r.message);
      expect(failed, `unmet expectations of ${file}`).toEqual([]);
    });
  });

  it('runs from the command line and writes its CSVs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archsim-preset-'));
    try {
      execFileSync('node', ['bin/archsim.mjs', 'run', 'presets/growth-rpc-grpc.archsim.json', '--out', dir], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
      expect(readdirSync(dir).sort()).toEqual(
        expect.arrayContaining(['events.csv', 'summary.csv', 'timeseries.csv']),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
