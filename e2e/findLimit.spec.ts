import { readFile } from 'node:fs/promises';
import { plusMinus } from '../renderer/src/analysis/limitState.ts';
import { documentPath, downloadText, expect, test } from './app.ts';
import { archsim } from './archsimCli.ts';

/**
 * Find the limit in the editor gives the answer `archsim capacity` gives for the same file, seeds and
 * SLOs: the same capacity, interval and bottleneck in the sentence, the same knee curve in its CSV. The
 * search is kept small (3 seeds of 20 simulated seconds) so it runs in tens of seconds.
 */
const FILE = documentPath('four-tier.archsim.json');
const SLOS = ['p99<100ms', 'errors<1%'];
const SEEDS = 3;
const DURATION_SEC = 20;

interface CliAnswer {
  json: {
    offeredRps: { mean: number; low: number; high: number };
    bottleneck: { id: string };
    roots: unknown[];
    runs: number;
  };
  kneeCsv: string;
}

/** The CLI's answer: its JSON and its knee.csv. */
async function cliCapacity(): Promise<CliAnswer> {
  const args = ['capacity', FILE, ...SLOS.flatMap((s) => ['--slo', s])];
  args.push('--seeds', String(SEEDS), '--max-seeds', String(SEEDS), '--duration', String(DURATION_SEC));
  const { stdout, files } = await archsim([...args, '--workers', '1', '--json']);
  return { json: JSON.parse(stdout), kneeCsv: files.get('knee.csv') ?? '' };
}

test('Find the limit answers what archsim capacity answers, and names the bottleneck on the canvas', async ({
  app,
  page,
}) => {
  test.setTimeout(300_000);
  const cli = cliCapacity();
  await app.openFile(FILE);
  await page.getByRole('tab', { name: 'Find the limit' }).click();
  const form = page.getByRole('form', { name: 'Find the limit' });
  await form.getByLabel('below (ms)').fill('100');
  await form.getByLabel('errors below (%)').fill('1');
  await form.getByLabel('Run length (s)').fill(String(DURATION_SEC));
  await form.getByLabel('Seeds per batch').fill(String(SEEDS));
  await form.getByLabel('at most').fill(String(SEEDS));
  await form.getByRole('button', { name: 'Find the limit' }).click();

  // The search shows its progress, and its runs as dots, while the worker runs.
  await expect(page.getByTestId('limit-status')).toContainText(/runs…/);
  await expect(page.locator('.analysis-dot').first()).toBeVisible();
  const answer = page.getByTestId('limit-answer');
  await expect(answer).toContainText('Holds up to', { timeout: 240_000 });

  const { json, kneeCsv } = await cli;
  const half = (json.offeredRps.high - json.offeredRps.low) / 2;
  const [rps, plus] = plusMinus(json.offeredRps.mean, half, 'en');
  await expect(answer).toHaveText(
    `Holds up to ${rps} rps ± ${plus} at p99 < 100 ms and errors < 1%; ${json.bottleneck.id} saturates first.`,
  );
  await expect(page.getByTestId('limit-status')).toHaveText(`${json.roots.length} seeds, ${json.runs} runs.`);
  await expect(app.node(json.bottleneck.id)).toHaveClass(/bottleneck/);

  // The knee curve's CSV is the CLI's knee.csv, byte for byte.
  const [csv] = await app.downloads(form.getByRole('button', { name: 'CSV' }), 1);
  expect(csv.suggestedFilename()).toBe('archsim-knee.csv');
  expect(await downloadText(csv)).toBe(kneeCsv);
  const [png] = await app.downloads(form.getByRole('button', { name: 'PNG' }), 1);
  expect(png.suggestedFilename()).toBe('archsim-limit.png');
  expect((await readFile(await png.path())).subarray(1, 4).toString()).toBe('PNG');
});

test('a search can be cancelled, and a wrong SLO is refused with the field named', async ({ app, page }) => {
  await app.openFile(FILE);
  await page.getByRole('tab', { name: 'Find the limit' }).click();
  const form = page.getByRole('form', { name: 'Find the limit' });
  await form.getByLabel('below (ms)').fill('-5');
  await form.getByRole('button', { name: 'Find the limit' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Give the latency limit as a positive number of milliseconds, or leave it empty.',
  );
  await expect(form.getByLabel('below (ms)')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('below (ms)').fill('100');
  await form.getByRole('button', { name: 'Find the limit' }).click();
  await expect(page.getByTestId('limit-status')).toContainText(/runs…/);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('limit-status')).toContainText(/^Cancelled after \d+ runs\.$/);
  await expect(page.getByTestId('limit-answer')).toHaveText('');
  await expect(form.getByRole('button', { name: 'Find the limit' })).toBeEnabled();
});
