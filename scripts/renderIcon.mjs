#!/usr/bin/env node
/**
 * Renders assets/icon.svg to assets/icon.png (512×512, transparent corners) for electron-builder, which
 * makes the .ico/.icns from it. Run again after editing the SVG. The browser is the end-to-end tests'
 * (playwright.config.ts): `ARCHSIM_CHROMIUM`, else Debian's Chromium where it exists, else Playwright's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const assets = fileURLToPath(new URL('../assets/', import.meta.url));
const svg = readFileSync(`${assets}icon.svg`, 'utf8');
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const executablePath =
  process.env.ARCHSIM_CHROMIUM || (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
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
