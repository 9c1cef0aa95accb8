import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { type ArchSimApp, expect, test } from './app.ts';

/**
 * Every preset at a laptop's and a desktop's size, in both languages, as opened and (see RUN)
 * run past its scripted events: from the boxes the browser draws, every node lies inside the canvas, clear of its overlays
 * (legend, zoom controls, minimap) and of every other node; every region's box holds its members; and
 * no two labels on the scenario timeline overlap.
 */

interface PresetFile {
  file: string;
  name: Record<string, string>;
  nodes: { id: string; region?: string }[];
  regions?: { id: string }[];
  scenario: { durationSec: number; events?: { atSec: number; durationSec?: number }[] };
}

const dir = path.join(import.meta.dirname, '..', 'presets');
const presets: PresetFile[] = readdirSync(dir)
  .filter((f) => f.endsWith('.archsim.json'))
  .map((f) => ({ ...JSON.parse(readFileSync(path.join(dir, f), 'utf8')), file: f }));

/**
 * The preset also run past its scripted events (the timeline then holds their labels, the nodes their
 * live badges): the chaos drill, five events at one second. Running every preset would take many
 * minutes on a busy machine.
 */
const RUN = new Set(['trillion-chaos-drill.archsim.json']);

/** Simulated second by which every scripted event has happened (and the engine's reactions to it). */
function settledSec(p: PresetFile): number {
  const starts = (p.scenario.events ?? []).map((e) => e.atSec);
  return Math.min(p.scenario.durationSec, Math.max(0, ...starts) + 1.5);
}

type Box = { x: number; y: number; width: number; height: number };
const SLACK = 1;
const overlap = (a: Box, b: Box) =>
  a.x + SLACK < b.x + b.width &&
  b.x + SLACK < a.x + a.width &&
  a.y + SLACK < b.y + b.height &&
  b.y + SLACK < a.y + a.height;
const inside = (a: Box, b: Box) =>
  a.x >= b.x - SLACK &&
  a.y >= b.y - SLACK &&
  a.x + a.width <= b.x + b.width + SLACK &&
  a.y + a.height <= b.y + b.height + SLACK;

/** Everything wrong with the picture now, in words (an empty list when all is well). */
async function problems(page: Page, preset: PresetFile): Promise<string[]> {
  const boxes = await page.evaluate(() => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const all = (selector: string) => [...document.querySelectorAll(selector)];
    const byTestId = (prefix: string) =>
      all(`[data-testid^="${prefix}"]`).map((el) => ({
        id: (el.getAttribute('data-testid') ?? '').slice(prefix.length),
        box: box(el),
      }));
    return {
      canvas: box(document.querySelector('.canvas')!),
      overlays: all('.canvas .legend, .react-flow__controls, .react-flow__minimap').map((el) => ({
        id: el.className.toString().split(' ')[0],
        box: box(el),
      })),
      nodes: byTestId('node-'),
      regions: byTestId('region-'),
      labels: all('.chart-timeline text.chart-marker-text').map((el) => ({
        id: el.textContent ?? '',
        box: box(el),
      })),
    };
  });
  const out: string[] = [];
  if (boxes.nodes.length !== preset.nodes.length)
    out.push(`${boxes.nodes.length} of ${preset.nodes.length} nodes drawn`);
  for (const n of boxes.nodes) {
    if (!inside(n.box, boxes.canvas)) out.push(`${n.id} is outside the canvas`);
    for (const o of boxes.overlays) if (overlap(n.box, o.box)) out.push(`${n.id} is under ${o.id}`);
    for (const m of boxes.nodes)
      if (n.id < m.id && overlap(n.box, m.box)) out.push(`${n.id} overlaps ${m.id}`);
  }
  for (const member of preset.nodes.filter((n) => n.region !== undefined)) {
    const region = boxes.regions.find((r) => r.id === member.region);
    const node = boxes.nodes.find((n) => n.id === member.id);
    if (region && node && !inside(node.box, region.box))
      out.push(`${member.id} is outside region ${region.id}`);
  }
  for (const r of boxes.regions)
    for (const s of boxes.regions)
      if (r.id < s.id && overlap(r.box, s.box)) out.push(`regions ${r.id} and ${s.id} overlap`);
  for (let i = 0; i < boxes.labels.length; i++)
    for (let j = i + 1; j < boxes.labels.length; j++)
      if (overlap(boxes.labels[i].box, boxes.labels[j].box))
        out.push(`timeline labels "${boxes.labels[i].id}" and "${boxes.labels[j].id}" overlap`);
  return out;
}

async function openPreset(app: ArchSimApp, title: string): Promise<void> {
  await app.page
    .locator('.toolbar button')
    .filter({ hasText: /^(Presets|预设场景)$/ })
    .click();
  // The gallery by its class: its accessible name is in the UI's language.
  const gallery = app.page.locator('dialog.gallery');
  await gallery.getByText(title, { exact: true }).click();
  await expect(gallery).toBeHidden();
}

/** Runs at full speed until simulated second `untilSec`, then pauses. */
async function runUntil(page: Page, untilSec: number): Promise<void> {
  // The run bar's name follows the UI language.
  const bar = page.getByRole('toolbar', { name: /^(Simulation|模拟)$/ });
  await bar.locator('select').first().selectOption({ index: 3 });
  await bar.locator('button.primary').click();
  const clock = bar.locator('output.clock');
  await expect
    .poll(async () => Number.parseFloat((await clock.textContent()) ?? '0'), { timeout: 300_000 })
    .toBeGreaterThanOrEqual(untilSec);
  await bar.locator('button').first().click();
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  for (const locale of ['en', 'zh-CN'] as const) {
    test.describe(`at ${viewport.width}×${viewport.height} in ${locale}`, () => {
      test.use({ viewport });

      test('every preset shows every node, regions hold their members, timeline labels apart', async ({
        app,
        page,
      }) => {
        test.setTimeout(900_000);
        if (locale !== 'en') await page.getByLabel('Language').selectOption({ label: '简体中文' });
        for (const preset of presets) {
          const title = preset.name[locale] ?? preset.name.en;
          await test.step(title, async () => {
            await openPreset(app, title);
            await expect.poll(() => problems(page, preset), { message: `${title}, as opened` }).toEqual([]);
            if (!RUN.has(preset.file)) return;
            await runUntil(page, settledSec(preset));
            await expect.poll(() => problems(page, preset), { message: `${title}, mid-run` }).toEqual([]);
          });
        }
      });
    });
  }
}
