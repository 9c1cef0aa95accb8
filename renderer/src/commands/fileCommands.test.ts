import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { noticeText } from '../i18n/noticeText.ts';
import { commandHarness, twoNodes } from '../testing/harness.ts';
import { provideCommand } from './handlers.ts';

const valid = readFileSync(
  new URL('../../../sim-core/test/fixtures/mm1.archsim.json', import.meta.url),
  'utf8',
);

describe('file commands', () => {
  it('New asks once over unsaved changes, and keeps the document when told no', async () => {
    const h = commandHarness();
    h.store.getState().load(twoNodes(), 'shop.archsim.json', true);
    h.confirmReplace.mockImplementationOnce(() => {});
    await h.run('file.new', 'menu');
    expect(h.confirmReplace).toHaveBeenCalledTimes(1);
    expect(h.store.getState().doc.nodes).toHaveLength(2);
    await h.run('file.new', 'toolbar');
    expect(h.store.getState().doc.nodes).toHaveLength(0);
    expect(h.store.getState().fileName).toBeNull();
  });

  it('Open asks about unsaved changes exactly once, after the file validated (the shell never asks)', async () => {
    const h = commandHarness();
    h.store.getState().load(twoNodes(), 'shop.archsim.json', true);
    vi.mocked(h.platform.openDocument).mockResolvedValue({ name: 'mm1.archsim.json', text: valid });
    await h.run('file.open', 'toolbar');
    expect(h.confirmReplace).toHaveBeenCalledTimes(1);
    expect(h.store.getState().fileName).toBe('mm1.archsim.json');
    expect(h.store.getState().dirty).toBe(false);
  });

  it('Open of a broken file says why and asks nothing', async () => {
    const h = commandHarness();
    vi.mocked(h.platform.openDocument).mockResolvedValue({ name: 'bad.archsim.json', text: '{"format":1}' });
    await h.run('file.open', 'keyboard');
    expect(h.confirmReplace).not.toHaveBeenCalled();
    const notice = h.store.getState().notice;
    expect(notice?.kind).toBe('error');
    expect(notice && noticeText('en', notice.what)).toMatch(/^bad\.archsim\.json:\n/);
  });

  it('Save and Save As go through the platform; edits made during the save stay unsaved', async () => {
    const h = commandHarness();
    h.store.getState().load(twoNodes(), 'shop.archsim.json', true);
    let finish: (name: string) => void = () => {};
    vi.mocked(h.platform.saveDocument).mockImplementationOnce(
      () => new Promise((resolve) => (finish = resolve)),
    );
    const saving = h.run('file.save', 'keyboard');
    h.store.getState().change((d) => ({ ...d, name: 'edited while saving' }));
    finish('shop.archsim.json');
    await saving;
    expect(h.platform.saveDocument).toHaveBeenCalledWith('shop.archsim.json', expect.any(String), false);
    expect(h.store.getState().dirty).toBe(true);
    await h.run('file.saveAs');
    expect(h.platform.saveDocument).toHaveBeenLastCalledWith('shop.archsim.json', expect.any(String), true);
    expect(h.store.getState().dirty).toBe(false);
  });

  it('Export CSV applies only with results; Chart as Image goes to the mounted charts panel, or says where', async () => {
    const h = commandHarness();
    expect(await h.run('file.exportCsv')).toBe(false);
    expect(h.platform.exportFiles).not.toHaveBeenCalled();
    h.store.setState({ windows: [{ startSec: 0, endSec: 1 }] as never });
    const handler = vi.fn();
    const off = provideCommand('file.exportChartImage', handler);
    await h.run('file.exportChartImage', 'menu');
    expect(handler).toHaveBeenCalledTimes(1);
    off();
    await h.run('file.exportChartImage', 'menu');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(h.store.getState().notice).toEqual({
      kind: 'info',
      what: { key: 'cmd.file.exportChartImage.hidden' },
    });
  });

  it('the canvas exports apply once there is something on the canvas', async () => {
    const h = commandHarness();
    expect(await h.run('file.exportCanvasPng')).toBe(false);
    expect(await h.run('file.exportCanvasSvg')).toBe(false);
  });

  it('Presets opens the gallery', async () => {
    const h = commandHarness();
    await h.run('file.presets');
    expect(h.store.getState().galleryOpen).toBe(true);
  });
});
