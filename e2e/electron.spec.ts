import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ElectronApplication, _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../electron/launch.ts';
import { documentPath } from './app.ts';

/**
 * The desktop app end to end, through its native menus and dialogs (stubbed in the main process):
 * launch → open a file → run → export CSV → close with unsaved changes. Needs Electron's binary, which
 * cannot be downloaded on machines without internet: there the test is skipped, saying why.
 */

const root = path.resolve(import.meta.dirname, '..');
const electronDir = (() => {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
})();
const binary = findElectronBinary(electronDir, {
  exists: existsSync,
  readText: (file) => (existsSync(file) ? readFileSync(file, 'utf8') : null),
  env: process.env,
});

test.skip(
  !binary.ok,
  `Electron's binary is not installed here (${binary.ok ? '' : binary.reason}): desktop test skipped.`,
);

let app: ElectronApplication;
let work: string;

test.beforeAll(() => {
  // Playwright's web server builds the renderer; the shell is built here.
  execFileSync(process.execPath, [path.join(root, 'scripts/buildElectron.mjs')], { stdio: 'ignore' });
});

test.beforeEach(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'archsim-electron-e2e-'));
  app = await electron.launch({
    executablePath: binary.ok ? binary.path : undefined,
    args: [root],
    env: { ...process.env, ARCHSIM_USER_DATA: path.join(work, 'profile') },
  });
});

test.afterEach(async () => {
  await app?.close().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

/**
 * Clicks a native menu item; each command's id is also its item's id. The renderer describes the menus
 * once it has started, so the item may take a moment to appear.
 */
const menu = async (id: string) => {
  await expect
    .poll(() => app.evaluate(({ Menu }, itemId) => !!Menu.getApplicationMenu()?.getMenuItemById(itemId), id))
    .toBe(true);
  await app.evaluate(({ Menu }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
    if (!item) throw new Error(`no menu item ${itemId}`);
    item.click();
  }, id);
};

const windowTitle = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());

/** The next open/folder dialog answers `chosen`. */
const answerOpenDialog = (chosen: string) =>
  app.evaluate(({ dialog }, file) => {
    dialog.showOpenDialog = (async () => ({
      canceled: false,
      filePaths: [file],
    })) as typeof dialog.showOpenDialog;
  }, chosen);

test('launch, open a file, run, export CSV, close with unsaved changes', async () => {
  const page = await app.firstWindow();
  await expect(page.getByRole('banner')).toBeVisible();
  await expect.poll(windowTitle).toBe('Untitled — ArchSim');
  expect(await page.evaluate(() => typeof (window as { require?: unknown }).require)).toBe('undefined');

  const doc = path.join(work, 'four-tier.archsim.json');
  copyFileSync(documentPath('four-tier.archsim.json'), doc);
  const original = readFileSync(doc, 'utf8');
  await answerOpenDialog(doc);
  await menu('file.open');
  await expect.poll(windowTitle).toBe('four-tier.archsim.json — ArchSim');

  await menu('sim.speed.max');
  await menu('sim.runPause');
  await expect(page.getByLabel('Simulated time')).toHaveText('120.0 / 120 s', { timeout: 60_000 });

  const out = path.join(work, 'csv');
  mkdirSync(out);
  await answerOpenDialog(out);
  await menu('file.exportCsv');
  await expect.poll(() => readdirSync(out).sort()).toEqual(['events.csv', 'summary.csv', 'timeseries.csv']);
  expect(readFileSync(path.join(out, 'summary.csv'), 'utf8').startsWith('\uFEFF')).toBe(true);

  await menu('edit.selectAll');
  await menu('edit.delete');
  await expect.poll(windowTitle).toBe('four-tier.archsim.json • — ArchSim');

  const asked: string[] = [];
  app.process().stdout?.on('data', (chunk: Buffer) => asked.push(String(chunk)));
  await app.evaluate(({ dialog }) => {
    dialog.showMessageBox = (async (_win: unknown, options: { message: string }) => {
      process.stdout.write(`ASKED ${options.message}\n`);
      return { response: 1, checkboxChecked: false }; // Don't Save
    }) as unknown as typeof dialog.showMessageBox;
  });
  const exited = new Promise((resolve) => app.process().once('exit', resolve));
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  await exited;
  expect(asked.join('')).toContain(
    'ASKED Do you want to save the changes you made to “four-tier.archsim.json”?',
  );
  expect(readFileSync(doc, 'utf8')).toBe(original);
});
