#!/usr/bin/env node
/**
 * Renders assets/icon.svg to assets/icon.png (512×512, transparent corners) with Debian's Chromium, for
 * electron-builder, which makes the .ico/.icns from it. Run again after editing the SVG.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const assets = fileURLToPath(new URL('../assets/', import.meta.url));
const svg = readFileSync(`${assets}icon.svg`, 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.locator('svg').screenshot({ path: `${assets}icon.png`, omitBackground: true });
await browser.close();
