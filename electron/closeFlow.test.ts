import { describe, expect, it } from 'vitest';
import { CloseFlow, windowTitle } from './closeFlow.ts';

describe('window title', () => {
  it('shows the file name and a dirty marker', () => {
    expect(windowTitle({ fileName: null, dirty: false })).toBe('Untitled — ArchSim');
    expect(windowTitle({ fileName: 'shop.archsim.json', dirty: true })).toBe('shop.archsim.json • — ArchSim');
    expect(windowTitle({ fileName: null, dirty: true }, 'ArchSim', '未命名')).toBe('未命名 • — ArchSim');
  });
});

describe('closing with unsaved changes', () => {
  const dirtyFlow = () => {
    const flow = new CloseFlow();
    flow.update({ fileName: 'shop.archsim.json', dirty: true });
    return flow;
  };

  it('closes a clean window without asking', () => {
    expect(new CloseFlow().mayClose()).toBe(true);
  });

  it("Don't Save closes", () => {
    const flow = dirtyFlow();
    expect(flow.mayClose()).toBe(false);
    expect(flow.startAsking()).toBe(true);
    expect(flow.answer('discard')).toBe('close');
    expect(flow.mayClose()).toBe(true);
  });

  it('Cancel stays, and the next close asks again', () => {
    const flow = dirtyFlow();
    flow.startAsking();
    expect(flow.answer('cancel')).toBe('stay');
    expect(flow.mayClose()).toBe(false);
    expect(flow.startAsking()).toBe(true);
  });

  it('Save closes once the save succeeds', () => {
    const flow = dirtyFlow();
    flow.startAsking();
    expect(flow.answer('save')).toBe('save');
    expect(flow.saveFinished(true)).toBe(true);
    expect(flow.mayClose()).toBe(true);
  });

  it('Save then a cancelled Save As dialog stays open, and a later save does not close', () => {
    const flow = dirtyFlow();
    flow.startAsking();
    flow.answer('save');
    expect(flow.saveFinished(false)).toBe(false);
    expect(flow.mayClose()).toBe(false);
    expect(flow.saveFinished(true)).toBe(false);
  });

  it('does not stack a second question while one is open', () => {
    const flow = dirtyFlow();
    expect(flow.startAsking()).toBe(true);
    expect(flow.startAsking()).toBe(false);
  });
});
