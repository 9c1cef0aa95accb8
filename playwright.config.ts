import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the renderer in a plain browser (the browser platform: downloads and a file
 * picker), against the production build served by `vite preview`.
 *
 * The browser: `ARCHSIM_CHROMIUM` names one explicitly; otherwise Debian's `/usr/bin/chromium` where it
 * exists (`npx playwright install` cannot download browsers on our machines, so CI installs it), and
 * Playwright's own downloaded Chromium everywhere else (macOS, Windows, a Linux without Debian's).
 *
 * `ARCHSIM_E2E_PORT` (default 4173) lets two checkouts run their end-to-end tests at the same time.
 */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const executablePath =
  process.env.ARCHSIM_CHROMIUM || (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);
const port = Number(process.env.ARCHSIM_E2E_PORT || 4173);
const origin = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two cores: one for the browser, one for the simulation worker.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL: origin,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `npx vite build --config renderer/vite.config.ts && npx vite preview --config renderer/vite.config.ts --host 127.0.0.1 --port ${port} --strictPort`,
    url: origin,
    // Never test a stale build: a server already on the port (say `npm start`) is an error, not reused.
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
