import { documentPath, expect, test } from './app.ts';

test('an absurd rate typed in the inspector is refused at Run: the app says why, under the field, and the document stays', async ({
  app,
  page,
}) => {
  await app.openFile(documentPath('four-tier.archsim.json'));
  await app.node('client-1').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const rate = inspector.getByLabel('Rate');
  await rate.fill('1e15');
  await rate.press('Enter');
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  // Refused before the run: nothing was simulated, and the notice says what, where and what to do.
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('This run would take about');
  await expect(notice).toContainText('nodes[0].params.rateRps');
  await expect(notice).toContainText('Lower the rate');
  await expect(page.getByLabel('Simulated time')).toHaveText(/^0\.0 \//);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  // Under the field it names, while the document is the one refused.
  await expect(inspector).toContainText('the limit is');
  // The document is as edited, nothing lost.
  await expect(rate).toHaveValue('1000000000000000');

  // In Chinese too: the refusal is a message, worded where it is shown.
  await page.getByLabel('Language').selectOption({ label: '简体中文' });
  await expect(notice).toContainText('这次运行大约需要处理');
});

test('a run the app’s event budget refuses runs once the budget is raised from the refusal; a memory budget too low refuses a small model', async ({
  app,
  page,
}) => {
  await app.openFile(documentPath('four-tier.archsim.json'));
  await app.node('client-1').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const rate = inspector.getByLabel('Rate');
  // 10 million rps for 120 s: about 5 billion events, over the app's 10⁹ but well under 10¹¹.
  await rate.fill('1e7');
  await rate.press('Enter');
  const run = page.getByRole('button', { name: 'Run', exact: true });
  const clock = page.getByLabel('Simulated time');
  await run.click();

  const notice = page.getByRole('alert');
  await expect(notice).toContainText('raise the event budget');
  await expect(clock).toHaveText(/^0\.0 \//);

  // The refusal opens the setting; it shows the budget in force and the defaults.
  await notice.getByRole('button', { name: 'Raise the budget…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run budgets' });
  await expect(dialog).toBeVisible();
  const events = dialog.getByLabel('Event budget (events per run)');
  await expect(events).toHaveValue('1,000,000,000');
  await expect(dialog).toContainText('Default: 1 GiB');

  // What is not a positive number is refused beside the field, and nothing is applied.
  await events.fill('0');
  await expect(dialog).toContainText('A budget must be above 0.');
  await events.fill('many');
  await expect(dialog).toContainText('“many” is not a number');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeVisible();
  await expect(events).toBeFocused();

  await events.fill('1e11');
  await expect(events).toHaveAttribute('aria-invalid', 'false');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();

  // Run again: it starts and shows live results.
  await run.click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(clock).not.toHaveText(/^0\.0 \//, { timeout: 30_000 });
  const speed = page.getByLabel('Real-time factor');
  await expect(speed).toContainText('real time');
  expect(Number(await speed.getAttribute('data-events'))).toBeGreaterThan(100_000);
  await expect(notice).toBeHidden();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(run).toBeVisible();

  // A memory budget below what even the ordinary model needs (about 0.5 MB) refuses it, by name.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await rate.fill('400');
  await rate.press('Enter');
  await page
    .getByRole('toolbar', { name: 'Simulation' })
    .getByRole('button', { name: 'Run Budgets', exact: true })
    .click();
  await expect(events).toHaveValue('100,000,000,000');
  await dialog.getByLabel('Memory budget', { exact: true }).fill('0.1');
  await dialog.getByLabel('Unit of the memory budget').selectOption('MiB');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await run.click();
  // 0.1 MiB, in the unit that reads best.
  await expect(notice).toContainText(/would need about \d+(\.\d)? KiB of memory/);
  await expect(notice).toContainText('raise the memory budget');
  await expect(notice).toContainText('the limit is 102 KiB');
  await expect(clock).toHaveText(/^0\.0 \//);
  await expect(notice.getByRole('button', { name: 'Raise the budget…' })).toBeVisible();

  // In Chinese the notice offers the same, in Chinese.
  await page.getByLabel('Language').selectOption({ label: '简体中文' });
  await expect(notice).toContainText('提高内存预算');
  await expect(notice.getByRole('button', { name: '提高预算…' })).toBeVisible();
});

test('the run budgets are kept across a reload, and Restore defaults brings the app’s back', async ({
  app,
  page,
}) => {
  await app.open();
  const openSetting = () =>
    page
      .getByRole('toolbar', { name: 'Simulation' })
      .getByRole('button', { name: 'Run Budgets', exact: true })
      .click();
  const dialog = page.getByRole('dialog', { name: 'Run budgets' });
  const events = dialog.getByLabel('Event budget (events per run)');
  const memory = dialog.getByLabel('Memory budget', { exact: true });
  const unit = dialog.getByLabel('Unit of the memory budget');
  await openSetting();
  await events.fill('5e9');
  await memory.fill('512');
  await unit.selectOption('MiB');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();

  await page.reload();
  await app.closeGallery();
  await openSetting();
  await expect(events).toHaveValue('5,000,000,000');
  await expect(memory).toHaveValue('512');
  await expect(unit).toHaveValue('MiB');

  await dialog.getByRole('button', { name: 'Restore defaults' }).click();
  await expect(events).toHaveValue('1,000,000,000');
  await expect(memory).toHaveValue('1');
  await expect(unit).toHaveValue('GiB');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await page.reload();
  await app.closeGallery();
  await openSetting();
  await expect(events).toHaveValue('1,000,000,000');
});
