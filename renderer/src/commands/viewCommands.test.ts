import { describe, expect, it } from 'vitest';
import { fitOptions } from '../canvas/viewport.ts';
import { commandHarness } from '../testing/harness.ts';

describe('view commands', () => {
  it('zoom in, out, to 100 % and fit go to the canvas viewport', async () => {
    const h = commandHarness();
    await h.run('view.zoomIn', 'keyboard');
    await h.run('view.zoomOut', 'keyboard');
    await h.run('view.zoomReset', 'keyboard');
    await h.run('view.fit', 'keyboard');
    expect(h.view.zoomIn).toHaveBeenCalledTimes(1);
    expect(h.view.zoomOut).toHaveBeenCalledTimes(1);
    expect(h.view.zoomTo).toHaveBeenCalledWith(1);
    expect(h.view.fitView).toHaveBeenCalledWith(fitOptions(false));
  });

  it('shows and hides panels, switches the tail path and the lock, and the language', async () => {
    const h = commandHarness();
    await h.run('view.toggleCharts', 'menu');
    expect(h.togglePanel).toHaveBeenCalledWith('charts');
    expect(await h.run('view.toggleTail')).toBe(false);
    h.store.setState({ summary: {} as never });
    await h.run('view.toggleTail');
    expect(h.store.getState().showTail).toBe(true);
    await h.run('view.toggleMinimap');
    expect(h.store.getState().minimapShown).toBe(true);
    await h.run('view.fit');
    expect(h.view.fitView).toHaveBeenLastCalledWith(fitOptions(true));
    await h.run('view.lockCanvas');
    expect(h.store.getState().canvasLocked).toBe(true);
    await h.run('view.lockCanvas');
    expect(h.store.getState().canvasLocked).toBe(false);
    await h.run('view.language.zh-CN', 'menu');
    expect(h.store.getState().locale).toBe('zh-CN');
  });
});
