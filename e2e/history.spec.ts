import { expect, test } from './app.ts';

test('Ctrl+Z undoes adding a node and Ctrl+Shift+Z redoes it', async ({ app, page }) => {
  await app.paletteItem('Service').click();
  await app.paletteItem('Database').click();
  await expect(app.node('database-1')).toBeVisible();

  await page.keyboard.press('Control+z');
  await expect(app.node('database-1')).toHaveCount(0);
  await expect(app.node('service-1')).toBeVisible();
  await expect(app.toolbarButton('Redo')).toBeEnabled();

  await page.keyboard.press('Control+z');
  await expect(app.node('service-1')).toHaveCount(0);
  await expect(app.toolbarButton('Undo')).toBeDisabled();

  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(app.node('service-1')).toBeVisible();
  await expect(app.node('database-1')).toBeVisible();
  await expect(app.toolbarButton('Redo')).toBeDisabled();
});

test('New over unsaved changes asks first, and Cancel keeps the work', async ({ app, page }) => {
  await app.paletteItem('Service').click();
  await expect(app.node('service-1')).toBeVisible();
  await app.toolbarButton('New').click();
  const question = page.getByRole('dialog', { name: /Save your changes to “Untitled” first\?/ });
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.node('service-1')).toBeVisible();
  await app.toolbarButton('New').click();
  await question.getByRole('button', { name: 'Discard' }).click();
  await expect(app.node('service-1')).toHaveCount(0);
});
