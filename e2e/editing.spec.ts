import { expect, test } from './app.ts';

test('build a four-node system by hand and run it', async ({ app, page }) => {
  // A drop centres the node on the pointer, and the first one does not move the view.
  await app.dropNode('Client', { x: 120, y: 140 });
  await expect(app.node('client-1')).toBeVisible();
  const canvas = (await app.canvas.boundingBox())!;
  const first = (await app.node('client-1').boundingBox())!;
  expect(Math.abs(first.x + first.width / 2 - (canvas.x + 120))).toBeLessThanOrEqual(20);
  expect(Math.abs(first.y + first.height / 2 - (canvas.y + 140))).toBeLessThanOrEqual(20);
  await app.dropNode('Load balancer', { x: 320, y: 140 });
  await app.dropNode('Service', { x: 520, y: 140 });
  await app.dropNode('Database', { x: 720, y: 140 });
  for (const id of ['lb-1', 'service-1', 'database-1']) await expect(app.node(id)).toBeVisible();
  await page.getByRole('button', { name: 'Minimap', exact: true }).click();
  await expect(page.locator('.react-flow__minimap-node')).toHaveCount(4);

  await app.connect('client-1', 'lb-1');
  await app.connect('lb-1', 'service-1');
  await app.connect('service-1', 'database-1');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  await app.run('max');
  await app.expectLiveP99();
  const service = app.node('service-1');
  await expect(service).toContainText(/\d+(\.\d+)?k? rps/);
  await expect(service).toContainText(/p99 \d+(\.\d+)? ms/);
});

test('an edge into a client is refused, with the reason shown', async ({ app, page }) => {
  await app.dropNode('Client', { x: 40, y: 60 });
  await app.dropNode('Service', { x: 440, y: 60 });
  await app.dragBetween(app.node('service-1').locator('.react-flow__handle.source'), app.node('client-1'));
  await expect(page.getByRole('alert')).toContainText('Clients only send traffic');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  // Also said where the pointer let go, not only in the status bar.
  const bubble = page.getByTestId('pointer-notice');
  await expect(bubble).toContainText('Clients only send traffic');
  const at = (await bubble.boundingBox())!;
  const client = (await app.node('client-1').boundingBox())!;
  expect(
    Math.hypot(at.x - (client.x + client.width / 2), at.y - (client.y + client.height / 2)),
  ).toBeLessThan(150);
});
