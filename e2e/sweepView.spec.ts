import { documentPath, downloadText, expect, test } from './app.ts';
import { archsim } from './archsimCli.ts';

/**
 * The sweep view runs what `archsim sweep --vary` runs: its summary CSV is the CLI's
 * sweep-summary.csv, byte for byte, for the same file, values, seeds and run length.
 */
const FILE = documentPath('four-tier.archsim.json');

test('a sweep of replicas draws p99 against them and exports the CLI’s summary', async ({ app, page }) => {
  test.setTimeout(240_000);
  const cli = archsim(
    ['sweep', FILE, '--vary', 'nodes.service-1.params.replicas=2,3,4', '--seeds', '2'].concat([
      '--duration',
      '10',
      '--workers',
      '1',
    ]),
  );
  await app.openFile(FILE);
  await page.getByRole('tab', { name: 'Sweep' }).click();
  const form = page.getByRole('form', { name: 'Sweep' });
  await form.getByLabel('Parameter').selectOption('nodes.service-1.params.replicas');
  await form.getByLabel('from').fill('2');
  await form.getByLabel('to').fill('4');
  await form.getByLabel('points').fill('3');
  await form.getByLabel('Seeds', { exact: true }).fill('2');
  await form.getByLabel('Run length (s)').fill('10');
  await form.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-status')).toHaveText('3 points × 2 seeds.', { timeout: 200_000 });
  // One point per value, each drawn once its seeds are in.
  await expect(page.locator('.analysis-chart circle')).toHaveCount(3);

  const [csv] = await app.downloads(form.getByRole('button', { name: 'CSV' }), 1);
  expect(csv.suggestedFilename()).toBe('archsim-sweep-summary.csv');
  const { files } = await cli;
  expect(await downloadText(csv)).toBe(files.get('sweep-summary.csv'));
});

test('a sweep can be cancelled', async ({ app, page }) => {
  await app.openFile(FILE);
  await page.getByRole('tab', { name: 'Sweep' }).click();
  const form = page.getByRole('form', { name: 'Sweep' });
  await form.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-status')).toContainText(/of 15 runs…/);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('sweep-status')).toHaveText(/^Cancelled after \d+ runs\.$/);
});
