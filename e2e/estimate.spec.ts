import { readFile } from 'node:fs/promises';
import { msText } from '../sim-core/messages/numberText.ts';
import { documentPath, expect, test } from './app.ts';

/**
 * The analytic estimate on the canvas, before any run: flow balance (archsim estimate) gives the
 * service 400 rps × 10.16 ms (the mean of a lognormal with p50 8 ms and p99 40 ms) ÷ 8 workers ≈ 0.51;
 * with one replica of two workers it is ≈ 2.03, and the node is marked unstable.
 */
test('the canvas shows each server’s predicted utilization and flags ρ ≥ 1 while editing', async ({
  app,
  page,
}) => {
  await app.openFile(documentPath('four-tier.archsim.json'));
  const service = app.node('service-1');
  await expect(service).toContainText('ρ≈0.51');
  await expect(app.node('client-1')).not.toContainText('ρ≈');
  await expect(service).not.toHaveClass(/unstable/);

  await service.click();
  const replicas = page
    .getByRole('complementary', { name: 'Inspector' })
    .getByLabel('Replicas', { exact: true });
  await replicas.fill('1');
  await replicas.press('Enter');
  await expect(service).toContainText('ρ≈2.03 unstable');
  await expect(service).toHaveClass(/unstable/);
});

const JACKSON = documentPath('jackson.archsim.json');

/** Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a = λ/μ. */
function erlangC(c: number, a: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const waiting = term / (1 - a / c);
  return waiting / (sum + waiting);
}

/** The M/M/c mean sojourn in ms of a server of `c` workers with mean service `serviceMs` at `rps`. */
function sojournMs(rps: number, serviceMs: number, c: number): number {
  const mu = 1000 / serviceMs;
  return (erlangC(c, rps / mu) / (c * mu - rps) + 1 / mu) * 1000;
}

/**
 * jackson.archsim.json is a Jackson network: Poisson arrivals, a random balancer over two M/M/1 api
 * replicas, which each call an M/M/2 database. The api's latency as the engine records it is its own
 * sojourn plus its call; the end-to-end mean is the same (no network delay, no balancer overhead).
 */
async function jacksonTheory(): Promise<{ apiMs: number; dbMs: number }> {
  const doc = JSON.parse(await readFile(JACKSON, 'utf8'));
  const node = (id: string) => doc.nodes.find((n: { id: string }) => n.id === id).params;
  const rps = node('client-1').rateRps;
  const api = node('api');
  const db = node('db');
  const dbMs = sojournMs(rps, db.serviceTimeMs.mean, db.concurrency);
  const apiMs = sojournMs(rps / api.replicas, api.serviceTimeMs.mean, api.concurrency) + dbMs;
  return { apiMs, dbMs };
}

/** The two figures of a "mean 18.4 · model 18.3 ms" text, in ms. */
function meanAndModel(text: string): [number, number] {
  const match = /^mean ([\d.]+) · model ([\d.]+) ms$/.exec(text.trim());
  if (!match) throw new Error(`not a mean beside a model mean: "${text}"`);
  return [Number(match[1]), Number(match[2])];
}

test('on a product-form network each server shows the model’s mean beside the run’s, near theory', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  const theory = await jacksonTheory();
  await app.openFile(JACKSON);
  // Before a run: the model's mean alone, beside the predicted utilization.
  await expect(app.node('api').getByTestId('model-mean')).toHaveText(`model ${msText('en', theory.apiMs)}`);
  await expect(app.node('db').getByTestId('model-mean')).toHaveText(`model ${msText('en', theory.dbMs)}`);
  await expect(app.node('lb-1').getByTestId('model-mean')).toHaveCount(0);

  await app.run('max');
  await expect.poll(() => app.simulatedSec(), { timeout: 60_000 }).toBe(60);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  for (const [id, ms] of [
    ['api', theory.apiMs],
    ['db', theory.dbMs],
  ] as const) {
    const badge = app.node(id).getByTestId('model-mean');
    await expect(badge).toHaveText(/^mean .* · model .*$/);
    const [simulated, model] = meanAndModel((await badge.textContent()) ?? '');
    expect(model).toBe(Number.parseFloat(msText('en', ms)));
    // 55 s after warm-up at 200 rps: the run's mean is within a few percent of the exact one.
    expect(
      Math.abs(simulated - ms) / ms,
      `${id}: ${simulated} ms simulated, ${ms} ms in theory`,
    ).toBeLessThan(0.1);
  }
  const [simulated, model] = meanAndModel((await page.getByTestId('status-mean').textContent()) ?? '');
  expect(model).toBe(Number.parseFloat(msText('en', theory.apiMs)));
  expect(Math.abs(simulated - theory.apiMs) / theory.apiMs).toBeLessThan(0.1);
});

test('a network that is not product-form shows no model mean, and its tooltip says why', async ({
  app,
  page,
}) => {
  await app.openFile(documentPath('four-tier.archsim.json'));
  await expect(app.node('service-1')).toContainText('ρ≈0.51');
  // The predicted utilization's tooltip says why there is no model mean, in the node's own causes.
  const title = await app.node('service-1').locator('.badge-estimate').getAttribute('title');
  expect(title?.split('\n')).toEqual(
    expect.arrayContaining([
      'No model mean: the network is not product-form.',
      'service-1: the service time is not exponential.',
    ]),
  );
  await app.run('max');
  await app.expectLiveP99();
  await expect(app.node('service-1')).toContainText('rps');
  await expect(app.node('service-1').getByTestId('model-mean')).toHaveCount(0);
  await expect(page.getByTestId('status-mean')).toHaveCount(0);
});
