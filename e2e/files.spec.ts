import { readFile } from 'node:fs/promises';
import { documentPath, downloadText, expect, test } from './app.ts';

test('Export CSV after a run downloads summary, time series and events', async ({ app, page }) => {
  await app.openFile(documentPath('four-tier.archsim.json'));
  await app.run('max');
  // The run's end, then Run is back (checking Run first passes before the run has even started).
  await expect(page.getByLabel('Simulated time')).toHaveText('120.0 / 120 s', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();

  const downloads = await app.downloads(await app.exportItem('Export CSV…'), 3);
  const files = new Map(
    await Promise.all(downloads.map(async (d) => [d.suggestedFilename(), await downloadText(d)] as const)),
  );
  expect([...files.keys()].sort()).toEqual(['events.csv', 'summary.csv', 'timeseries.csv']);
  for (const [name, text] of files) expect(text.startsWith('\uFEFF'), `${name} starts with a BOM`).toBe(true);

  const summary = files.get('summary.csv')!.slice(1).split('\r\n');
  const header = summary[0].split(',');
  expect(header.slice(0, 3)).toEqual(['scope', 'id', 'kind']);
  const p99 = header.indexOf('latency_p99_ms');
  expect(p99).toBeGreaterThan(2);
  const endToEnd = summary.find((line) => line.startsWith('endToEnd,'))!.split(',');
  expect(Number(endToEnd[p99])).toBeGreaterThan(0);
  expect(Number(endToEnd[header.indexOf('throughput_rps')])).toBeGreaterThan(300);

  const timeseries = files.get('timeseries.csv')!.slice(1).split('\r\n');
  expect(timeseries[0].split(',')[0]).toBe('time_s');
  expect(timeseries.filter((line) => line.includes(',endToEnd,')).length).toBeGreaterThanOrEqual(115);
  expect(files.get('events.csv')!.slice(1).split('\r\n')[0]).toBe('time_s,type,target,label,detail');
});

test('Save, New, then Open the saved file gives the same topology back', async ({ app }) => {
  await app.dropNode('Client', { x: 40, y: 60 });
  await app.dropNode('Service', { x: 440, y: 60 });
  await app.dropNode('Database', { x: 640, y: 60 });
  await app.connect('client-1', 'service-1');
  await app.connect('service-1', 'database-1');
  const built = await app.topology();
  expect(built.nodes).toEqual([
    { id: 'client-1', kind: 'client' },
    { id: 'database-1', kind: 'database' },
    { id: 'service-1', kind: 'service' },
  ]);
  expect(built.edges).toHaveLength(2);

  const [saved] = await app.downloads(app.toolbarButton('Save'), 1);
  expect(saved.suggestedFilename()).toMatch(/\.archsim\.json$/);
  const file = JSON.parse(await readFile(await saved.path(), 'utf8'));
  expect(file.format).toBe('archsim.topology');
  expect(file.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['client-1', 'database-1', 'service-1']);
  await expect(app.page.getByRole('banner')).not.toContainText('•');

  await app.toolbarButton('New').click();
  expect(await app.topology()).toEqual({ nodes: [], edges: [] });

  await app.openFile(await saved.path());
  await expect(app.node('service-1')).toBeVisible();
  expect(await app.topology()).toEqual(built);
});

test('a malformed file is refused with the path of the problem, and the document stays', async ({
  app,
  page,
}) => {
  await app.paletteItem('Service').click();
  await expect(app.node('service-1')).toBeVisible();
  const text = await readFile(documentPath('four-tier.archsim.json'), 'utf8');
  const broken = text.replace('"replicas": 4', '"replicas": -4');
  await app.openFile({
    name: 'broken.archsim.json',
    mimeType: 'application/json',
    buffer: Buffer.from(broken),
  });

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('broken.archsim.json');
  await expect(alert).toContainText('nodes[2].params.replicas');
  await expect(alert).toContainText('must be an integer ≥ 1');
  expect(await app.topology()).toEqual({ nodes: [{ id: 'service-1', kind: 'service' }], edges: [] });
  await expect(page.getByRole('banner')).toContainText('Untitled •');

  await app.openFile({
    name: 'truncated.archsim.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text.slice(0, 200)),
  });
  await expect(alert).toContainText('truncated.archsim.json');
  expect(await app.topology()).toEqual({ nodes: [{ id: 'service-1', kind: 'service' }], edges: [] });
});
