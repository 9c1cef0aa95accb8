import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test as base, type Download, expect, type Locator, type Page } from '@playwright/test';

/**
 * The app as a user sees it, for end-to-end tests: every helper goes through what a person can click,
 * drag or type (accessible names in the English UI), never through the store.
 */
export class ArchSimApp {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.paletteItem('Client')).toBeVisible();
    await this.closeGallery();
  }

  /** The preset gallery: it opens by itself at start when there is nothing to edit or recover. */
  get gallery(): Locator {
    return this.page.getByRole('dialog', { name: 'Presets' });
  }

  /** Closes the preset gallery (Escape), as after a start with an empty document. */
  async closeGallery(): Promise<void> {
    await expect(this.gallery).toBeVisible();
    await this.page.keyboard.press('Escape');
    await expect(this.gallery).toBeHidden();
  }

  /** The canvas (React Flow's pane is inside it); drop positions are relative to its top-left corner. */
  get canvas(): Locator {
    return this.page.locator('.canvas');
  }

  paletteItem(name: string): Locator {
    return this.page.getByRole('complementary').getByRole('button', { name, exact: true });
  }

  toolbarButton(name: string): Locator {
    return this.page.getByRole('banner').getByRole('button', { name, exact: true });
  }

  /** Opens the toolbar's Export menu and returns its item `name` ('Export CSV', 'Canvas as PNG'…). */
  async exportItem(name: string): Promise<Locator> {
    await this.toolbarButton('Export').click();
    return this.page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name });
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  edge(id: string): Locator {
    return this.page.getByTestId(`rf__edge-${id}`);
  }

  /** The ids of the nodes and edges on the canvas, sorted. */
  async topology(): Promise<{ nodes: { id: string; kind: string }[]; edges: string[] }> {
    const nodes = await this.page.locator('[data-testid^="node-"]').evaluateAll((els) =>
      els.map((el) => ({
        id: (el.getAttribute('data-testid') ?? '').slice('node-'.length),
        kind: [...el.classList].find((c) => c.startsWith('kind-'))?.slice('kind-'.length) ?? '',
      })),
    );
    const edges = await this.page
      .locator('[data-testid^="rf__edge-"]')
      .evaluateAll((els) =>
        els.map((el) => (el.getAttribute('data-testid') ?? '').slice('rf__edge-'.length)),
      );
    return { nodes: nodes.sort((a, b) => a.id.localeCompare(b.id)), edges: edges.sort() };
  }

  /** Drags a palette item onto the canvas (HTML5 drag and drop) and drops it at `at`. */
  async dropNode(name: string, at: { x: number; y: number }): Promise<void> {
    await this.paletteItem(name).dragTo(this.canvas, { targetPosition: at });
  }

  /** Drags with the mouse from `source`'s output handle to `target`'s input handle. */
  async connect(source: string, target: string): Promise<void> {
    const edges = this.page.locator('.react-flow__edge');
    const before = await edges.count();
    const drag = () =>
      this.dragBetween(
        this.node(source).locator('.react-flow__handle.source'),
        this.node(target).locator('.react-flow__handle.target'),
      );
    await drag();
    // On a loaded CI machine the view has been seen to move by itself just after nodes are dropped
    // (the cause is not found yet), so the first drag can start beside the handle and pan instead.
    // One more drag, aimed anew, tells that apart from an edge the canvas refuses: the caller's own
    // expectations then fail as they should.
    const made = await expect(edges)
      .toHaveCount(before + 1, { timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    if (!made) await drag();
  }

  /**
   * A mouse drag in small steps, as React Flow follows pointer moves to find the handle below. Both ends
   * are read once they have stayed put for a moment: on a loaded machine the view can still be settling
   * from the last edit (a node measured late), and a drag aimed at where a handle was pans the pane.
   */
  async dragBetween(from: Locator, to: Locator): Promise<void> {
    const a = await settledCenter(from);
    const b = await settledCenter(to);
    await this.page.mouse.move(a.x, a.y);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
    await this.page.mouse.move(b.x, b.y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Chooses a simulation speed ("×1", "×10", "×100" or "max") and presses Run. */
  async run(speed: '×1' | '×10' | '×100' | 'max'): Promise<void> {
    await this.page.getByLabel('Speed').selectOption({ label: speed });
    await this.page.getByRole('button', { name: 'Run', exact: true }).click();
  }

  /** The simulated time the run bar shows, in seconds. */
  async simulatedSec(): Promise<number> {
    return Number.parseFloat((await this.page.getByLabel('Simulated time').textContent()) ?? '0');
  }

  /** Waits until the run bar's clock shows the run at its end (`120.0 / 120 s`). */
  async expectRunEnd(timeout = 45_000): Promise<void> {
    await expect(this.page.getByLabel('Simulated time')).toHaveText(/^(\d+)\.0 \/ \1 s$/, { timeout });
  }

  /** Waits until the status bar shows an end-to-end p99 in milliseconds. */
  async expectLiveP99(): Promise<void> {
    await expect(this.page.getByTestId('status-p99')).toHaveText(/p99 \(last \d+ s\) \d+(\.\d+)? ms/);
  }

  /**
   * Opens files through the Open button and the browser's file chooser, then waits until the view has
   * framed the document: the app fits the view a moment after a load, once the nodes are measured, and
   * on a loaded machine that moment can come after a test has started to drag.
   */
  async openFile(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.toolbarButton('Open').click();
    await (await chooser).setFiles(file);
    await this.settledView();
  }

  /** Waits until the canvas's pan and zoom have stayed the same for 300 ms (at most 5 s). */
  async settledView(): Promise<void> {
    const viewport = this.page.locator('.react-flow__viewport');
    const transform = () => viewport.evaluate((el) => getComputedStyle(el).transform).catch(() => '');
    let last = await transform();
    let since = Date.now();
    for (const deadline = Date.now() + 5_000; Date.now() < deadline; ) {
      await this.page.waitForTimeout(100);
      const now = await transform();
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (Date.now() - since >= 300) return;
    }
  }

  /** Clicks `button` and collects the `count` downloads it starts. */
  async downloads(button: Locator, count: number): Promise<Download[]> {
    const got: Download[] = [];
    const all = new Promise<Download[]>((resolve) => {
      const onDownload = (download: Download) => {
        got.push(download);
        if (got.length === count) {
          this.page.off('download', onDownload);
          resolve(got);
        }
      };
      this.page.on('download', onDownload);
    });
    await button.click();
    return await all;
  }
}

/** Prepared documents in e2e/documents, opened through the Open button like a user would. */
export function documentPath(name: string): string {
  return path.join(import.meta.dirname, 'documents', name);
}

export async function downloadText(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8');
}

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error(`${locator} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The centre of `locator` once two readings 150 ms apart agree (within 3 s, else the last one). */
async function settledCenter(locator: Locator): Promise<{ x: number; y: number }> {
  let last = await center(locator);
  for (let i = 0; i < 20; i++) {
    await locator.page().waitForTimeout(150);
    const now = await center(locator);
    if (Math.abs(now.x - last.x) < 0.5 && Math.abs(now.y - last.y) < 0.5) return now;
    last = now;
  }
  return last;
}

/** `test` with `app`: a fresh browser context (so empty localStorage) with ArchSim loaded. */
export const test = base.extend<{ app: ArchSimApp }>({
  app: async ({ page }, use) => {
    const app = new ArchSimApp(page);
    await app.open();
    await use(app);
  },
});

export { expect };
