import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalizedText } from '../format/schema.ts';
import { parseTopologyText } from '../format/validate.ts';
import { runPreset } from './runPreset.ts';

/*
 * Every preset in presets/ is a claim about the model: it validates, runs headless quickly, and meets
 * every expectation it states. A failing expectation prints what was measured against what was
 * expected, so recalibrating a preset after an engine change starts from the numbers.
 */

const DIR = new URL('../../presets/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.archsim.json'))
  .sort();
/** Wall-time budget per preset run, generous for slow CI machines (locally each takes under 3 s, the sampled edge-delivery preset about 8 s). */
const WALL_BUDGET_MS = 30_000;

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
      if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
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

    it('runs headless in bounded wall time and meets all its expectations', () => {
      const t0 = performance.now();
      const { results } = runPreset(read(file), file);
      const wallMs = performance.now() - t0;
      expect(wallMs, 'wall time of the run').toBeLessThan(WALL_BUDGET_MS);
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
