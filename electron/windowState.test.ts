import { describe, expect, it, vi } from 'vitest';
import { FakeEmitter } from './testing/fakeElectron.ts';
import {
  type Bounds,
  DEFAULT_SIZE,
  keepWindowState,
  parseWindowState,
  placeWindow,
  serializeWindowState,
} from './windowState.ts';

const laptop: Bounds = { x: 0, y: 0, width: 1280, height: 760 };
const monitor: Bounds = { x: 1280, y: 0, width: 2560, height: 1400 };

describe('the saved window state', () => {
  it('reads back what it wrote', () => {
    const state = { bounds: { x: 10, y: -20, width: 1000, height: 700 }, maximized: true };
    expect(parseWindowState(serializeWindowState(state))).toEqual(state);
  });

  it('is ignored when missing, corrupt, from another version or out of range', () => {
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState('{"version":1,"bounds":{"x":0')).toBeNull();
    const good = { version: 1, bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false };
    expect(parseWindowState(JSON.stringify({ ...good, version: 2 }))).toBeNull();
    expect(parseWindowState(JSON.stringify({ ...good, bounds: { ...good.bounds, width: 0 } }))).toBeNull();
    expect(parseWindowState(JSON.stringify({ ...good, bounds: { ...good.bounds, x: 0.5 } }))).toBeNull();
    expect(parseWindowState(JSON.stringify({ ...good, bounds: { ...good.bounds, y: 1e12 } }))).toBeNull();
  });
});

describe('placing the window', () => {
  it('opens 1440×900, centred, the first time; smaller on a smaller screen', () => {
    expect(placeWindow(null, [monitor], monitor)).toEqual({ ...DEFAULT_SIZE, maximized: false });
    expect(placeWindow(null, [laptop], laptop)).toEqual({ width: 1280, height: 760, maximized: false });
  });

  it('comes back where it was, on the screen it was on', () => {
    const bounds = { x: 1500, y: 100, width: 1800, height: 1000 };
    expect(placeWindow({ bounds, maximized: true }, [laptop, monitor], laptop)).toEqual({
      ...bounds,
      maximized: true,
    });
  });

  it('is pulled wholly onto its screen, and shrunk to fit it', () => {
    const hanging = { x: -300, y: 500, width: 1000, height: 700 };
    expect(placeWindow({ bounds: hanging, maximized: false }, [laptop], laptop)).toEqual({
      x: 0,
      y: 60,
      width: 1000,
      height: 700,
      maximized: false,
    });
    const huge = { x: 1300, y: 0, width: 3000, height: 2000 };
    expect(placeWindow({ bounds: huge, maximized: false }, [laptop, monitor], laptop)).toMatchObject({
      x: 1280,
      y: 0,
      width: 2560,
      height: 1400,
    });
  });

  it('keeps its size, centred on the primary screen, when its screen is gone', () => {
    const onUnplugged = { x: 4000, y: 200, width: 1200, height: 700 };
    expect(placeWindow({ bounds: onUnplugged, maximized: false }, [laptop], laptop)).toEqual({
      width: 1200,
      height: 700,
      maximized: false,
    });
  });
});

class FakeWindow extends FakeEmitter {
  bounds: Bounds = { x: 0, y: 0, width: 1440, height: 900 };
  maximized = false;
  getNormalBounds = () => ({ ...this.bounds });
  isMaximized = () => this.maximized;
}

function keeper() {
  const win = new FakeWindow();
  const written: string[] = [];
  const timers: (() => void)[] = [];
  let finishWrite: () => void = () => {};
  const write = vi.fn(
    (text: string) =>
      new Promise<void>((resolve) => {
        written.push(text);
        finishWrite = resolve;
      }),
  );
  const keep = keepWindowState(win, {
    write,
    setTimer: (run) => timers.push(run),
    clearTimer: (timer) => {
      timers[(timer as number) - 1] = () => {};
    },
  });
  const settle = () => {
    for (const run of timers.splice(0)) run();
  };
  return { win, written, write, keep, settle, finish: () => finishWrite() };
}

describe('keeping the window state', () => {
  it('writes a drag once it settles: one write for many moves', async () => {
    const { win, written, settle, finish } = keeper();
    for (let x = 0; x < 50; x += 1) {
      win.bounds = { ...win.bounds, x };
      win.emit('move');
    }
    expect(written).toEqual([]);
    settle();
    await Promise.resolve();
    finish();
    expect(written.map((t) => parseWindowState(t))).toEqual([
      { bounds: { x: 49, y: 0, width: 1440, height: 900 }, maximized: false },
    ]);
  });

  it('writes at once when maximized and when closed, never the same state twice', async () => {
    const { win, written, write, finish } = keeper();
    win.maximized = true;
    win.emit('maximize');
    await vi.waitFor(() => expect(write).toHaveBeenCalledTimes(1));
    finish();
    win.emit('close');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(written).toHaveLength(1);
    win.bounds = { ...win.bounds, width: 1200 };
    win.maximized = false;
    win.emit('close');
    await vi.waitFor(() => expect(write).toHaveBeenCalledTimes(2));
    expect(parseWindowState(written[1])).toEqual({ bounds: { ...win.bounds }, maximized: false });
  });

  it('flush writes what is waiting and resolves once it is on disk, so the app can quit after it', async () => {
    const { win, keep, settle, finish } = keeper();
    expect(keep.busy()).toBe(false);
    win.bounds = { ...win.bounds, height: 700 };
    win.emit('resize');
    expect(keep.busy()).toBe(true);
    let flushed = false;
    void keep.flush().then(() => {
      flushed = true;
    });
    settle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(flushed).toBe(false);
    expect(keep.busy()).toBe(true);
    finish();
    await vi.waitFor(() => expect(flushed).toBe(true));
    expect(keep.busy()).toBe(false);
  });

  it('a failed write is tried again with the next change, and loses nothing else', async () => {
    const win = new FakeWindow();
    const write = vi.fn(async () => {}).mockRejectedValueOnce(new Error('ENOSPC'));
    const keep = keepWindowState(win, { write });
    win.emit('maximize');
    await keep.flush();
    win.emit('close');
    await keep.flush();
    expect(write).toHaveBeenCalledTimes(2);
    expect(keep.busy()).toBe(false);
  });
});
