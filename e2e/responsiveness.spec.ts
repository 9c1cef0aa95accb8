import { documentPath, expect, test } from './app.ts';

test('the UI stays responsive while a 20-node topology simulates as fast as possible', async ({
  app,
  page,
}) => {
  test.setTimeout(90_000);
  await app.openFile(documentPath('microservices.archsim.json'));
  await expect(app.node('gateway')).toBeVisible();
  // Record every main-thread task longer than 50 ms from here on.
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: { at: number; ms: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push({ at: entry.startTime, ms: entry.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
  const started = await page.evaluate(() => performance.now());
  await app.run('max');
  await app.expectLiveP99();
  // Keep interacting while it runs: the charts' tabs and a node selection must answer at once.
  for (const tab of ['Throughput & errors', 'Distribution', 'Latency']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForTimeout(1500);
  }
  await app.node('orders').click();
  await page.waitForTimeout(3000);
  const clock = await page.getByLabel('Simulated time').textContent();
  expect(Number.parseFloat(clock ?? '0')).toBeGreaterThan(10);
  const longTasks = await page.evaluate(
    () => (window as unknown as { longTasks: { at: number; ms: number }[] }).longTasks,
  );
  const over = longTasks
    .filter((t) => t.ms > 50)
    .map((t) => `${Math.round(t.ms)} ms at +${Math.round(t.at - started)} ms`);
  expect(over, 'main-thread tasks over 50 ms').toEqual([]);
});
