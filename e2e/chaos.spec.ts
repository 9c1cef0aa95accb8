import type { Page } from '@playwright/test';
import { documentPath, expect, test } from './app.ts';

test('killing half of a service mid-run shows fewer instances up and errors', async ({ app, page }) => {
  await app.openFile(documentPath('four-tier.archsim.json'));
  await expect(app.node('service-1')).toBeVisible();
  await app.run('×10');
  await app.expectLiveP99();
  await expect(page.getByTestId('status-errors')).toHaveText('errors 0.00%');
  const p99Before = await statusP99Ms(page);

  await app.node('service-1').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Inject failure' });
  await menu.getByRole('menuitem', { name: 'Kill 50% of instances' }).click();
  await expect(menu).toBeHidden();

  // Two of four replicas die: the node says so, and the balancer, which learns of it only at its next
  // health check, sends requests to dead replicas meanwhile.
  await expect(app.node('service-1').getByTitle('live instances')).toHaveText(/^2(\.0)?\/4 up$/);
  await expect(page.getByTestId('status-errors')).toHaveText(/errors (?!0\.00%)\d+\.\d\d%/);
  // The two replicas left cannot keep up: their queues grow, and so does the end-to-end p99.
  await expect.poll(() => statusP99Ms(page), { timeout: 15_000 }).toBeGreaterThan(3 * p99Before);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

async function statusP99Ms(page: Page): Promise<number> {
  const text = (await page.getByTestId('status-p99').textContent()) ?? '';
  const match = /p99 (\d+(?:\.\d+)?) (ms|s)/.exec(text);
  if (!match) throw new Error(`no p99 in the status bar: "${text}"`);
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}
