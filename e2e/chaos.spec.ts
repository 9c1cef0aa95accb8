import type { Page } from '@playwright/test';
import { documentPath, expect, test } from './app.ts';

test('killing half of a service mid-run shows fewer instances up and errors', async ({ app, page }) => {
  await app.openFile(documentPath('four-tier.archsim.json'));
  await expect(app.node('service-1')).toBeVisible();
  // The balancer learns of dead replicas only at its next health check. Every 15 s, and with the kill
  // between 6 s (past the 5 s warm-up) and the check at 15 s, those errors last for seconds, wherever
  // the kill lands: long enough to be read at ×1 on a busy machine. (Every 5 s, a kill just before a
  // check made errors for a fraction of a second, inside the warm-up.)
  await app.node('lb-1').click();
  const interval = page
    .getByRole('complementary', { name: 'Inspector' })
    .getByLabel('Health check interval', { exact: true });
  await interval.fill('15');
  await interval.press('Enter');
  await app.run('×1');
  await app.expectLiveP99();
  await expect.poll(() => app.simulatedSec(), { timeout: 30_000 }).toBeGreaterThan(6);
  expect(await app.simulatedSec()).toBeLessThan(12);
  await expect(page.getByTestId('status-errors')).toHaveText('errors 0%');
  const p99Before = await statusP99Ms(page);

  await app.node('service-1').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Inject failure' });
  // The item says how the half rounds: 2 of the 4 replicas.
  await menu
    .getByRole('menuitem', { name: 'Kill 50% of instances (2 of 4, rounded to whole instances)' })
    .click();
  await expect(menu).toBeHidden();

  // Two of four replicas die: the node says so, and the balancer, which learns of it only at its next
  // health check, sends requests to dead replicas meanwhile.
  await expect(app.node('service-1').getByTitle('live instances')).toHaveText(/^2(\.0)?\/4 up$/);
  await expect(page.getByTestId('status-errors')).toHaveText(/errors (?!0%)\d+(\.\d+)?%/);
  // The two replicas left cannot keep up: their queues grow, and so does the end-to-end p99.
  await page.getByLabel('Speed').selectOption({ label: '×10' });
  await expect.poll(() => statusP99Ms(page), { timeout: 15_000 }).toBeGreaterThan(3 * p99Before);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

async function statusP99Ms(page: Page): Promise<number> {
  const text = (await page.getByTestId('status-p99').textContent()) ?? '';
  const match = /p99 \(last \d+ s\) (\d+(?:\.\d+)?) (ms|s)/.exec(text);
  if (!match) throw new Error(`no p99 in the status bar: "${text}"`);
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}
