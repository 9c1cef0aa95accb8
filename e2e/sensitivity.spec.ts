import { documentPath, downloadText, expect, test } from './app.ts';
import { archsim } from './archsimCli.ts';

/** The Sensitivity tab ranks what `archsim sensitivity --metric p99` ranks, with the same CSV. */
const FILE = documentPath('four-tier.archsim.json');

test('the tornado ranks the parameters as archsim sensitivity does', async ({ app, page }) => {
  test.setTimeout(300_000);
  const cli = archsim(
    ['sensitivity', FILE, '--metric', 'p99', '--delta', '20%', '--seeds', '2'].concat([
      '--duration',
      '10',
      '--workers',
      '1',
    ]),
  );
  await app.openFile(FILE);
  await page.getByRole('tab', { name: 'Sensitivity' }).click();
  const form = page.getByRole('form', { name: 'Sensitivity' });
  await form.getByLabel('Seeds', { exact: true }).fill('2');
  await form.getByLabel('Run length (s)').fill('10');
  await form.getByRole('button', { name: 'Rank parameters' }).click();
  await expect(page.getByTestId('sensitivity-status')).toContainText('parameters ranked', {
    timeout: 240_000,
  });

  const [csv] = await app.downloads(form.getByRole('button', { name: 'CSV' }), 1);
  const text = (await cli).files.get('sensitivity.csv') ?? '';
  expect(await downloadText(csv)).toBe(text);
  // Every run counted, the last one too: two seeds of the baseline and of each move down and up.
  const rows = text.slice(1).split('\r\n');
  const ranked = rows.filter((line) => line !== '').length - 1;
  expect(ranked).toBeGreaterThan(0);
  await expect(page.getByTestId('sensitivity-status')).toContainText(
    `${ranked} parameters ranked by their effect on p99, ${2 * (1 + 2 * ranked)} runs.`,
  );
  // The tornado's top bar is the CLI's rank 1.
  const first = rows[1].split(',')[1];
  await expect(page.locator('.tornado-row').first()).toContainText(
    first.replace(/^nodes\.|^edges\./, '').replace('.params.', ' · '),
  );
});
