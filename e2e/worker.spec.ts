import { documentPath, expect, test } from './app.ts';
import { watchWorkers, workers } from './workers.ts';

test.beforeEach(async ({ page }) => watchWorkers(page));

// A limit for a hang only: on a loaded two-core machine the first test alone takes 30–60 s.
test.describe.configure({ timeout: 150_000 });

test('a stuck worker is detected and stopped, the user is told in their language, and Reset and Run recover without a reload', async ({
  app,
  page,
}) => {
  await app.openFile(documentPath('microservices.archsim.json'));
  await expect(app.node('gateway')).toBeVisible();
  await app.run('×10');
  await app.expectLiveP99();
  await workers(page, 'hang');

  // The deadline (10 s) passes: the worker is terminated and the run stops with a notice.
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('The simulation did not answer for 10 s', { timeout: 30_000 });
  await expect(notice).toContainText('Your document is unchanged');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  expect(await workers(page, 'live')).toBe(0);
  // Nothing was lost: the document is as it was opened, with no unsaved changes.
  await expect(page.locator('.file-name')).toHaveText('microservices.archsim.json');
  expect(await app.topology()).toMatchObject({
    nodes: expect.arrayContaining([{ id: 'ledger', kind: 'service' }]),
  });
  expect((await app.topology()).nodes).toHaveLength(20);

  // The notice is a message, not a sentence: it reads in the language shown.
  await page.getByLabel('Language').selectOption({ label: '简体中文' });
  await expect(notice).toContainText('模拟 10 秒没有响应，已停止并重新启动');
  await page.getByLabel('语言').selectOption({ label: 'English' });

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await app.run('×100');
  await app.expectLiveP99();
  await expect.poll(() => app.simulatedSec(), { timeout: 30_000 }).toBeGreaterThan(5);
  expect(await workers(page, 'started')).toBe(2);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('Reset stops a busy worker at once: the next run starts on a fresh worker', async ({ app, page }) => {
  await app.openFile(documentPath('microservices.archsim.json'));
  await expect(app.node('gateway')).toBeVisible();
  await app.run('max');
  await app.expectLiveP99();
  await workers(page, 'hang');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  expect(await workers(page, 'live')).toBe(0);
  await expect(page.getByLabel('Simulated time')).toHaveText(/^0\.0 \//);

  await app.run('max');
  await app.expectLiveP99();
  await expect.poll(() => app.simulatedSec(), { timeout: 30_000 }).toBeGreaterThan(2);
  // Reset was the user's doing: nothing to apologise for.
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await workers(page, 'started')).toBe(2);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('a run that could never advance time is refused: it says why, in the user’s language, and marks the nodes it names until Reset', async ({
  app,
  page,
}) => {
  await app.openFile(documentPath('zero-time-loop.archsim.json'));
  await expect(app.node('instant')).toBeVisible();
  await app.run('max');
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('could never advance simulated time');
  await expect(notice).toContainText('requests go round users, instant');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  for (const id of ['users', 'instant']) {
    await expect(app.node(id)).toHaveClass(/\brun-problem\b/);
    await expect(app.node(id)).toContainText('refused the run');
  }
  await page.getByLabel('Language').selectOption({ label: '简体中文' });
  await expect(notice).toContainText('模拟时间永远无法前进');
  await expect(app.node('instant')).toContainText('导致运行被拒绝');
  await page.getByLabel('语言').selectOption({ label: 'English' });

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(app.node('instant')).not.toHaveClass(/\brun-problem\b/);
  await expect(app.node('instant')).not.toContainText('refused the run');
});
