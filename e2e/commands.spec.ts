import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { documentPath, expect, test } from './app.ts';

/** The editing habits of the command system, as a user meets them: keys, menus, tooltips, exports. */

const zoom = async (page: Page) =>
  page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

async function dragBy(page: Page, target: Locator, dx: number, dy: number): Promise<void> {
  const box = (await target.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + 12;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

test('Ctrl+D duplicates once, Escape clears the selection, Ctrl+Z undoes one step', async ({ app, page }) => {
  await app.paletteItem('Service').click();
  await expect(app.node('service-1')).toBeVisible();
  await page.keyboard.press('Control+d');
  await expect(app.node('service-2')).toBeVisible();
  expect((await app.topology()).nodes).toHaveLength(2);
  // The copy is selected: the inspector shows it.
  await expect(
    page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox').first(),
  ).toHaveValue('service-2');
  await page.keyboard.press('Escape');
  await expect(page.getByText('Select a node or an edge to edit it.')).toBeVisible();
  await page.keyboard.press('Control+z');
  expect((await app.topology()).nodes.map((n) => n.id)).toEqual(['service-1']);
});

test('Ctrl + and Ctrl − zoom, Ctrl+0 shows 100 %, Shift+1 fits the view', async ({ app, page }) => {
  await app.openFile(documentPath('four-tier.archsim.json'));
  await expect(app.node('database-1')).toBeVisible();
  await app.canvas.click({ position: { x: 20, y: 300 } });
  await page.keyboard.press('Control+0');
  await expect.poll(() => zoom(page)).toBeCloseTo(1, 2);
  await page.keyboard.press('Control+=');
  await expect.poll(() => zoom(page)).toBeGreaterThan(1.1);
  await page.keyboard.press('Control+-');
  await page.keyboard.press('Control+-');
  await expect.poll(() => zoom(page)).toBeLessThan(0.95);
  await page.keyboard.press('Shift+!');
  const canvas = (await app.canvas.boundingBox())!;
  await expect
    .poll(async () => {
      const boxes = await Promise.all(['client-1', 'database-1'].map((id) => app.node(id).boundingBox()));
      return boxes.every((b) => b && b.x >= canvas.x && b.x + b.width <= canvas.x + canvas.width);
    })
    .toBe(true);
});

test('double-click renames a node in place; Escape keeps the old name; Ctrl+Z undoes the rename', async ({
  app,
  page,
}) => {
  await app.paletteItem('Cache').click();
  await app.node('cache-1').locator('.arch-node-label').dblclick();
  const field = page.getByRole('textbox', { name: 'New name for cache-1' });
  await expect(field).toBeFocused();
  await field.fill('Redis');
  await page.keyboard.press('Enter');
  await expect(app.node('cache-1').locator('.arch-node-label')).toHaveText('Redis');
  await page.keyboard.press('F2');
  await page.getByRole('textbox', { name: 'New name for Redis' }).fill('Memcached');
  await page.keyboard.press('Escape');
  await expect(app.node('cache-1').locator('.arch-node-label')).toHaveText('Redis');
  await page.keyboard.press('Control+z');
  await expect(app.node('cache-1').locator('.arch-node-label')).toHaveText('cache-1');
});

test('the canvas’s context menu adds a node where it was opened, pastes there, selects all and fits', async ({
  app,
  page,
}) => {
  await app.paletteItem('Service').click();
  const at = { x: 560, y: 340 };
  await app.canvas.click({ button: 'right', position: at });
  const menu = page.getByRole('menu', { name: 'Canvas' });
  await menu.getByRole('menuitem', { name: 'Queue' }).click();
  await expect(menu).toBeHidden();
  const canvas = (await app.canvas.boundingBox())!;
  const queue = (await app.node('queue-1').boundingBox())!;
  // Centred on the pointer, to the grid.
  expect(Math.abs(queue.x + queue.width / 2 - (canvas.x + at.x))).toBeLessThan(30);
  expect(Math.abs(queue.y + queue.height / 2 - (canvas.y + at.y))).toBeLessThan(30);

  await page.keyboard.press('Control+c');
  await app.canvas.click({ button: 'right', position: { x: 200, y: 120 } });
  await menu.getByRole('menuitem', { name: /^Paste/ }).click();
  await expect(app.node('queue-2')).toBeVisible();
  const pasted = (await app.node('queue-2').boundingBox())!;
  expect(Math.abs(pasted.x - (canvas.x + 200))).toBeLessThan(30);

  await app.canvas.click({ button: 'right', position: { x: 300, y: 60 } });
  await menu.getByRole('menuitem', { name: /^Select All/ }).click();
  await expect(page.getByText('3 items selected. Select one to edit it.')).toBeVisible();
  await app.canvas.click({ button: 'right', position: { x: 300, y: 60 } });
  await expect(menu.getByRole('menuitem', { name: /^Fit to Window/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
});

test('a drag that ends where it began records nothing; undoing to the saved state clears the dirty mark', async ({
  app,
  page,
}) => {
  await app.openFile(documentPath('four-tier.archsim.json'));
  const banner = page.getByRole('banner');
  await expect(banner).toContainText('four-tier.archsim.json');
  await expect(banner).not.toContainText('•');
  const node = app.node('service-1');
  const start = (await node.boundingBox())!;
  // Away and back by hand: React Flow starts the drag at the first move, so that one is small.
  const x = start.x + start.width / 2;
  const y = start.y + 12;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 2, y + 1);
  await page.mouse.move(x + 120, y + 80, { steps: 6 });
  await page.mouse.move(x, y, { steps: 6 });
  await page.mouse.up();
  expect((await node.boundingBox())!.x).toBeCloseTo(start.x, 0);
  await expect(app.toolbarButton('Undo')).toBeDisabled();
  await expect(banner).not.toContainText('•');

  await dragBy(page, node, 160, 0);
  await expect(app.toolbarButton('Undo')).toBeEnabled();
  await expect(banner).toContainText('•');
  await app.toolbarButton('Undo').click();
  await expect.poll(async () => (await node.boundingBox())?.x).toBeCloseTo(start.x, 0);
  await expect(banner).not.toContainText('•');
  await page.keyboard.press('Control+Shift+z');
  await expect(banner).toContainText('•');
});

test('Lock Layout keeps nodes in place (a drag pans the view instead) but still selects them', async ({
  app,
  page,
}) => {
  await app.openFile(documentPath('four-tier.archsim.json'));
  const lock = page.getByRole('button', { name: 'Lock Layout' });
  await expect(lock).toHaveAttribute('title', /nodes can no longer be moved/);
  await lock.click();
  await expect(lock).toHaveAttribute('aria-pressed', 'true');
  const gap = async () =>
    (await app.node('service-1').boundingBox())!.x - (await app.node('lb-1').boundingBox())!.x;
  const before = await gap();
  await dragBy(page, app.node('service-1'), 150, 60);
  expect(await gap()).toBeCloseTo(before, 0);
  await app.node('service-1').click();
  await expect(
    page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox').first(),
  ).toHaveValue('service-1');
  await lock.click();
  await dragBy(page, app.node('service-1'), 150, 0);
  expect(await gap()).toBeGreaterThan(before + 100);
});

test('every toolbar, run-bar and canvas-control button has a tooltip, with its shortcut where it has one', async ({
  app,
  page,
}) => {
  await app.openFile(documentPath('four-tier.archsim.json'));
  const buttons = page.locator('header.toolbar button, .run-bar button, .react-flow__controls button');
  expect(await buttons.count()).toBeGreaterThan(15);
  for (const button of await buttons.all()) {
    if ((await button.getAttribute('aria-haspopup')) === 'menu') continue;
    const title = (await button.getAttribute('title')) ?? '';
    expect(title, (await button.textContent()) ?? '').not.toBe('');
    const keys = await button.getAttribute('aria-keyshortcuts');
    if (keys) expect(title).toMatch(/\((Ctrl\+|Shift\+|F\d)[^)]*\)$/);
  }
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveAttribute(
    'title',
    'Save (Ctrl+S)',
  );
});

test('the canvas exports as a real SVG drawing and as a PNG, with its live figures, under the strict CSP', async ({
  app,
  page,
}) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) refused.push(message.text());
  });
  await app.openFile(documentPath('four-tier.archsim.json'));
  await app.run('max');
  // The run ends in a second or two; its last figures stay on the canvas. (Pausing with F5 instead
  // races a fast machine: once the run is over, F5 starts a new one with no figures yet.)
  await app.expectRunEnd();
  await expect(app.node('service-1')).toContainText(/\d+(\.\d+)?k? rps/);

  const [svgDownload] = await app.downloads(await app.exportItem('Canvas as SVG…'), 1);
  expect(svgDownload.suggestedFilename()).toBe('four-tier-canvas.svg');
  const svg = await readFile(await svgDownload.path(), 'utf8');
  expect(svg).toMatch(/^<\?xml/);
  expect(svg).not.toContain('foreignObject');
  expect(svg).not.toContain('style=');
  for (const label of ['client-1', 'lb-1', 'service-1', 'database-1'])
    expect(svg).toContain(`>${label}</text>`);
  // Live figures: the badges' rates and the edges' labels.
  expect(svg).toMatch(/>\d+(\.\d+)?k?<\/text><text[^>]*> rps<\/text>/);
  expect((svg.match(/<path /g) ?? []).length).toBeGreaterThanOrEqual(3);

  const [pngDownload] = await app.downloads(await app.exportItem('Canvas as PNG…'), 1);
  expect(pngDownload.suggestedFilename()).toBe('four-tier-canvas.png');
  const png = await readFile(await pngDownload.path());
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  // Four nodes in a row, 220 px apart, at twice the size for sharp text.
  expect(width).toBeGreaterThan(2 * 800);
  expect(height).toBeGreaterThan(2 * 60);
  expect(refused).toEqual([]);
});

for (const locale of ['en-US', 'zh-CN'] as const) {
  test.describe(`at 1280 px in ${locale}`, () => {
    test.use({ locale, viewport: { width: 1280, height: 800 } });

    test('the toolbar is one row and nothing in it moves when a label or state changes', async ({ page }) => {
      await page.goto('/');
      await page.keyboard.press('Escape');
      const toolbar = page.getByRole('banner');
      const layout = () =>
        toolbar.evaluate((bar) => ({
          height: bar.getBoundingClientRect().height,
          controls: Array.from(bar.querySelectorAll('button, select')).map((b) => {
            const r = b.getBoundingClientRect();
            return [Math.round(r.x), Math.round(r.y + r.height / 2), Math.round(r.width)];
          }),
        }));
      const runBar = () =>
        page.locator('.run-bar').evaluate((bar) =>
          Array.from(bar.querySelectorAll(':scope > button')).map((b) => {
            const r = b.getBoundingClientRect();
            return [Math.round(r.x), Math.round(r.width)];
          }),
        );
      const before = await layout();
      const runBefore = await runBar();
      expect(before.height).toBeLessThan(48);
      expect(new Set(before.controls.map(([, middle]) => middle)).size).toBe(1);
      const last = before.controls.at(-1)!;
      expect(last[0] + last[2]).toBeLessThanOrEqual(1280);

      // A long file name, unsaved changes, a run going then finished, the tail path shown, the run pinned.
      const chooser = page.waitForEvent('filechooser');
      await page.locator('[data-command="file.open"]').click();
      await (await chooser).setFiles({
        name: `${'a-very-long-file-name-for-a-system-with-many-services-'.repeat(3)}.archsim.json`,
        mimeType: 'application/json',
        buffer: await readFile(documentPath('four-tier.archsim.json')),
      });
      await expect(page.getByTestId('node-service-1')).toBeVisible();
      await page.locator('.palette-item.kind-service').click();
      await expect(toolbar).toContainText('•');
      // Running (Pause shows in Run's place), then paused with results (Run is back). At ×10 the run
      // lasts 12 s, so the second F5 finds it still running and pauses it.
      await page.locator('.run-bar select').first().selectOption({ index: 1 });
      await page.keyboard.press('F5');
      await expect(page.locator('.run-bar .run-pause')).not.toHaveClass(/primary/);
      expect(await runBar()).toEqual(runBefore);
      // The status bar's p99 is the last window's, and says so (p99 (last 1 s) / p99（最近 1 秒）).
      await expect(page.getByTestId('status-p99')).toHaveText(/^p99 ?[(（].+[)）] ?\d/);
      await page.keyboard.press('F5');
      await expect(page.locator('.run-bar .run-pause')).toHaveClass(/primary/);
      await page.locator('[data-command="view.toggleTail"]').click();
      await page.locator('[data-command="sim.pin"]').click();
      await expect(page.locator('[data-command="sim.pin"]')).toHaveAttribute('aria-pressed', 'true');
      expect(await layout()).toEqual(before);
      expect(await runBar()).toEqual(runBefore);
    });
  });
}
