import { describe, expect, it } from 'vitest';
import { commandHarness } from '../testing/harness.ts';

describe('simulation commands', () => {
  it('Run/Pause runs, or pauses a run; Step applies while not running; Reset', async () => {
    const h = commandHarness();
    await h.run('sim.runPause', 'keyboard');
    expect(h.runner.run).toHaveBeenCalledTimes(1);
    h.store.getState().setStatus('running');
    expect(await h.run('sim.step')).toBe(false);
    await h.run('sim.runPause', 'menu');
    expect(h.runner.pause).toHaveBeenCalledTimes(1);
    h.store.getState().setStatus('paused');
    await h.run('sim.step');
    await h.run('sim.reset');
    expect(h.runner.step).toHaveBeenCalledTimes(1);
    expect(h.runner.reset).toHaveBeenCalledTimes(1);
  });

  it('sets the speed, and pins and unpins a run', async () => {
    const h = commandHarness();
    await h.run('sim.speed.max', 'keyboard');
    expect(h.store.getState().speed).toBe(0);
    await h.run('sim.speed.100');
    expect(h.store.getState().speed).toBe(100);
    expect(await h.run('sim.pin')).toBe(false);
    h.store.setState({ summary: {} as never });
    await h.run('sim.pin');
    expect(h.store.getState().pinned).not.toBeNull();
    h.store.setState({ summary: null });
    await h.run('sim.pin');
    expect(h.store.getState().pinned).toBeNull();
  });
});
