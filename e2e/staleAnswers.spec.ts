import { documentPath, expect, test } from './app.ts';

/**
 * An analysis answer is about the document it was computed on: after an edit the simulation reads,
 * Find the limit and the sweep say so, and the limit's bottleneck leaves the canvas; undoing back to
 * that document makes them current again. Searches are kept tiny (one seed of a few seconds).
 */
const FILE = documentPath('four-tier.archsim.json');
const STALE = 'Out of date: the document changed since this answer. Run it again.';

test('Find the limit and Sweep mark their answers out of date after an edit, and undo clears it', async ({
  app,
  page,
}) => {
  test.setTimeout(180_000);
  await app.openFile(FILE);
  await page.getByRole('tab', { name: 'Find the limit' }).click();
  const form = page.getByRole('form', { name: 'Find the limit' });
  await form.getByLabel('below (ms)').fill('100');
  await form.getByLabel('Run length (s)').fill('10');
  await form.getByLabel('Seeds per batch').fill('1');
  await form.getByLabel('at most').fill('1');
  await form.getByRole('button', { name: 'Find the limit' }).click();
  const answer = page.getByTestId('limit-answer');
  await expect(answer).toContainText('saturates first', { timeout: 120_000 });
  const bottleneck = /; (\S+) saturates first/.exec((await answer.textContent()) ?? '')?.[1] ?? '';
  await expect(app.node(bottleneck)).toHaveClass(/bottleneck/);
  await expect(page.getByTestId('limit-stale')).toHaveCount(0);

  // Moving a node changes nothing the search read: the answer stays current.
  await app.dragBetween(
    app.node('client-1').locator('.arch-node-kind'),
    app.node('lb-1').locator('.arch-node-kind'),
  );
  await expect(page.getByTestId('limit-stale')).toHaveCount(0);

  // An edit the simulation reads: the sign, and no bottleneck mark on the canvas.
  await app.node('service-1').click();
  const replicas = page
    .getByRole('complementary', { name: 'Inspector' })
    .getByLabel('Replicas', { exact: true });
  await replicas.fill('8');
  await replicas.press('Enter');
  await expect(page.getByTestId('limit-stale')).toHaveText(`⚠ ${STALE}`);
  await expect(answer).toContainText('saturates first');
  await expect(app.node(bottleneck)).not.toHaveClass(/bottleneck/);

  // Undo the edit: the document simulates as searched again.
  await page.locator('.canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('limit-stale')).toHaveCount(0);
  await expect(app.node(bottleneck)).toHaveClass(/bottleneck/);

  // The sweep's answer goes out of date the same way.
  await page.getByRole('tab', { name: 'Sweep' }).click();
  const sweep = page.getByRole('form', { name: 'Sweep' });
  await sweep.getByLabel('Parameter').selectOption('nodes.service-1.params.replicas');
  await sweep.getByLabel('from').fill('3');
  await sweep.getByLabel('to').fill('4');
  await sweep.getByLabel('points').fill('2');
  await sweep.getByLabel('Seeds', { exact: true }).fill('1');
  await sweep.getByLabel('Run length (s)').fill('10');
  await sweep.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-status')).toHaveText('2 points × 1 seed.', { timeout: 60_000 });
  await expect(page.getByTestId('sweep-stale')).toHaveCount(0);
  await app.node('database-1').click();
  const workers = page
    .getByRole('complementary', { name: 'Inspector' })
    .getByLabel('Concurrency', { exact: true });
  await workers.fill('4');
  await workers.press('Enter');
  await expect(page.getByTestId('sweep-stale')).toHaveText(`⚠ ${STALE}`);
});
