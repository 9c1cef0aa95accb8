import { expect, test } from './app.ts';

test('build a four-node system by hand and run it', async ({ app, page }) => {
  await app.dropNode('Client', { x: 40, y: 60 });
  await expect(app.node('client-1')).toBeVisible();
  await app.dropNode('Load balancer', { x: 240, y: 60 });
  await app.dropNode('Service', { x: 440, y: 60 });
  await app.dropNode('Database', { x: 640, y: 60 });
  for (const id of ['lb-1', 'service-1', 'database-1']) await expect(app.node(id)).toBeVisible();
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
});
