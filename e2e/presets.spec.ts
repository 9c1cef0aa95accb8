import { downloadText, expect, test } from './app.ts';

test('open a preset from the gallery, run it, scrub the replay, export CSV', async ({ app, page }) => {
  // The run to its end may take its whole 45 s wait on a loaded machine; the steps after it need more.
  test.setTimeout(120_000);
  await app.toolbarButton('Presets').click();
  await expect(app.gallery).toBeVisible();
  await expect(app.gallery.getByRole('heading', { name: 'Startup' })).toBeVisible();
  const card = app.gallery.getByRole('list').first().getByRole('button').first();
  const title = (await card.locator('.preset-card-title').textContent()) ?? '';
  await expect(card.locator('svg.preset-thumb rect').first()).toBeVisible();
  await card.click();
  await expect(app.gallery).toBeHidden();
  // A new, untitled and clean document.
  await expect(page.getByRole('banner')).toContainText('Untitled');
  await expect(page.getByRole('banner')).not.toContainText('•');
  expect((await app.topology()).nodes.length).toBeGreaterThan(0);
  const narrative = page.getByRole('region', { name: 'What to watch' });
  await expect(narrative).toBeVisible();
  await expect(narrative.locator('.narrative-text')).not.toBeEmpty();
  expect(title).not.toBe('');

  await app.run('max');
  await app.expectRunEnd();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();

  // Scrub: the canvas badges, the status bar and the charts' cursor follow the replayed window.
  const replay = page.getByLabel('Replay time');
  const cursor = page.getByTestId('replay-cursor');
  const badges = () => page.locator('.react-flow__nodes').textContent();
  const max = Number(await replay.getAttribute('max'));
  expect(max).toBeGreaterThanOrEqual(6);
  const third = Math.floor(max / 3);
  await expect(cursor).toHaveAttribute('data-index', String(max));
  const atEnd = await badges();
  const endX = (await cursor.boundingBox())!.x;
  await replay.fill(String(third));
  await expect(cursor).toHaveAttribute('data-index', String(third));
  await expect(page.getByLabel('Shown window')).toHaveText(/^\d+–\d+ s$/);
  await expect.poll(badges).not.toBe(atEnd);
  expect((await cursor.boundingBox())!.x).toBeLessThan(endX - 100);
  // The cursor's handle drags along the time axis.
  const handle = (await cursor.locator('.replay-cursor-handle').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 120, handle.y + handle.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => Number(await cursor.getAttribute('data-index'))).toBeGreaterThan(third);
  await expect(replay).not.toHaveValue(String(third));

  // Play runs the cursor forward; Live returns to the latest window.
  await page.getByLabel('Replay speed').selectOption({ label: '×10' });
  await replay.fill(String(third));
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => Number(await cursor.getAttribute('data-index'))).toBeGreaterThan(third + 1);
  await page.getByRole('button', { name: 'Live', exact: true }).click();
  await expect(cursor).toHaveAttribute('data-index', String(max));
  await expect(page.getByLabel('Shown window')).toHaveText('live');

  const downloads = await app.downloads(await app.exportItem('Export CSV…'), 3);
  const files = new Map(
    await Promise.all(downloads.map(async (d) => [d.suggestedFilename(), await downloadText(d)] as const)),
  );
  expect([...files.keys()].sort()).toEqual(['events.csv', 'summary.csv', 'timeseries.csv']);
  for (const [name, text] of files) expect(text.startsWith('\uFEFF'), `${name} starts with a BOM`).toBe(true);
  expect(files.get('summary.csv')!.slice(1).split('\r\n')[0]).toMatch(/^scope,id,kind,/);
  expect(files.get('timeseries.csv')!.slice(1).split('\r\n')[0]).toMatch(/^time_s,/);
  expect(files.get('events.csv')!.slice(1).split('\r\n')[0]).toBe('time_s,type,target,label,detail');
});

test('opening a preset over unsaved changes asks first', async ({ app, page }) => {
  await app.paletteItem('Service').click();
  await expect(app.node('service-1')).toBeVisible();
  await app.toolbarButton('Presets').click();
  await app.gallery.getByRole('list').first().getByRole('button').first().click();
  const question = page.getByRole('dialog', { name: /Save your changes to “Untitled” first\?/ });
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toBeHidden();
  await expect(app.gallery).toBeVisible();
  await app.gallery.getByRole('list').first().getByRole('button').first().click();
  await question.getByRole('button', { name: 'Discard' }).click();
  await expect(app.gallery).toBeHidden();
  await expect(app.node('service-1')).toHaveCount(0);
  await expect(page.getByRole('banner')).not.toContainText('•');
});

test('Compare before/after runs both sides of a pair and pins the before run', async ({ app, page }) => {
  // Two preset runs to their end, each up to 45 s on a loaded machine.
  test.setTimeout(120_000);
  await app.toolbarButton('Presets').click();
  const paired = app.gallery.getByRole('button').filter({ has: page.locator('.preset-pair.before') });
  expect(await paired.count()).toBeGreaterThan(0);
  const before = (await paired.first().locator('.preset-card-title').textContent()) ?? '';
  await paired.first().click();
  const compare = page.getByRole('button', { name: 'Compare before/after' });
  await compare.click();
  // Each side runs at full speed; on a fast machine a side can end before a poll sees its label, so
  // the test waits for the state only the end of the comparison has: the before run pinned, no
  // progress shown, and the loaded 'after' side run to its end.
  const clock = page.getByLabel('Simulated time');
  await expect
    .poll(
      async () => ({
        pinned: await app.toolbarButton('Pin Run').getAttribute('aria-pressed'),
        progress: await page.locator('.compare-progress').count(),
        atEnd: /^(\d+)\.0 \/ \1 s$/.test((await clock.textContent()) ?? ''),
        comparable: await compare.isEnabled(),
      }),
      { timeout: 90_000 },
    )
    .toEqual({ pinned: 'true', progress: 0, atEnd: true, comparable: true });
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  // The before run is pinned and the charts compare it; the 'after' preset stays loaded.
  await expect(app.toolbarButton('Pin Run')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('table')).toContainText(`before: ${before}`);
  await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByRole('banner')).not.toContainText('•');
});
