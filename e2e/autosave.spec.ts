import { expect, test } from './app.ts';

test('unsaved work survives a reload: autosave, then Recover', async ({ app, page }) => {
  await app.paletteItem('Service').click();
  await app.paletteItem('Database').click();
  await expect(app.node('database-1')).toBeVisible();
  // The draft is written within one autosave interval (3 s).
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('archsim.autosave.v1')), { timeout: 5_000 })
    .toContain('database-1');

  // Leaving with unsaved changes asks first.
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.accept();
    }),
  );
  await page.reload();
  expect(await asked).toBe('beforeunload');

  const prompt = page.getByRole('alertdialog');
  await expect(prompt).toContainText('Recover the document from your last session?');
  await expect(prompt).toContainText('Untitled');
  await prompt.getByRole('button', { name: 'Recover' }).click();
  await expect(prompt).toBeHidden();
  expect(await app.topology()).toEqual({
    nodes: [
      { id: 'database-1', kind: 'database' },
      { id: 'service-1', kind: 'service' },
    ],
    edges: [],
  });
  // Recovered work is still unsaved.
  await expect(page.getByRole('banner')).toContainText('Untitled •');
});

test('Discard drops the draft for good, and Save removes it too', async ({ app, page }) => {
  const draft = () => page.evaluate(() => localStorage.getItem('archsim.autosave.v1'));
  await app.paletteItem('Service').click();
  await expect.poll(draft, { timeout: 5_000 }).toContain('service-1');
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Discard' }).click();
  expect(await app.topology()).toEqual({ nodes: [], edges: [] });
  expect(await draft()).toBeNull();

  await page.reload();
  await expect(app.paletteItem('Client')).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  // Nothing to recover and nothing to edit: the preset gallery offers a start.
  await app.closeGallery();

  await app.paletteItem('Database').click();
  await expect.poll(draft, { timeout: 5_000 }).toContain('database-1');
  await app.downloads(app.toolbarButton('Save'), 1);
  await expect.poll(draft).toBeNull();
});
