import { expect, test } from './app.ts';

test('switching to Simplified Chinese renders Chinese labels', async ({ app, page }) => {
  await app.paletteItem('Service').click();
  await page.getByLabel('Language').selectOption({ label: '简体中文' });

  const palette = page.getByRole('complementary', { name: '组件' });
  await expect(palette.getByRole('button', { name: '服务', exact: true })).toBeVisible();
  await expect(palette.getByRole('button', { name: '负载均衡', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '运行', exact: true })).toBeVisible();
  await expect(app.node('service-1')).toContainText('服务');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // Without a CJK font every ideograph draws as the same empty box: two different ones must differ.
  const fontFamily = await palette
    .getByRole('button', { name: '服务' })
    .evaluate((el) => getComputedStyle(el).fontFamily);
  const sameGlyph = await page.evaluate((font) => {
    const draw = (text: string) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const ctx = canvas.getContext('2d')!;
      ctx.font = `48px ${font}`;
      ctx.fillText(text, 4, 52);
      return ctx.getImageData(0, 0, 64, 64).data.join(',');
    };
    return draw('服') === draw('务');
  }, fontFamily);
  expect(sameGlyph, 'two different ideographs draw the same (tofu): is fonts-wqy-microhei installed?').toBe(
    false,
  );

  await page.screenshot({ path: test.info().outputPath('zh-CN.png') });
});
