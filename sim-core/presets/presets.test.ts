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
