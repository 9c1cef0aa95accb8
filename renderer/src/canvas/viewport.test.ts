import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { emptyDoc } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { fitSoon } from './viewport.ts';

beforeEach(() => {
  vi.useFakeTimers();
  useStore.getState().load(emptyDoc(), null);
});
afterEach(() => vi.useRealTimers());

it('frames the view a moment after it is asked to', () => {
  const flow = { fitView: vi.fn(async () => true) };
  fitSoon(flow);
  expect(flow.fitView).not.toHaveBeenCalled();
  vi.advanceTimersByTime(100);
  expect(flow.fitView).toHaveBeenCalledTimes(1);
});

it('leaves the view alone when the document was edited before that moment came', () => {
  const flow = { fitView: vi.fn(async () => true) };
  fitSoon(flow);
  useStore.getState().change((d) => ({ ...d, name: 'edited' }));
  vi.advanceTimersByTime(100);
  expect(flow.fitView).not.toHaveBeenCalled();
});
