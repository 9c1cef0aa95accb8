// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../store/store.ts';
import { RunBudgetsDialog } from './RunBudgetsDialog.tsx';
import { APP_BUDGETS } from './runBudgets.ts';
import { StatusBar } from './StatusBar.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;

beforeEach(() => {
  useStore.setState({ runBudgets: { ...APP_BUDGETS }, budgetsOpen: false, notice: null, locale: 'en' });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root.render(
      <>
        <StatusBar />
        <RunBudgetsDialog />
      </>,
    ),
  );
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const field = (id: string) => container.querySelector<HTMLInputElement>(`#${id}`)!;
const button = (name: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;

/** Types `text` into an input as React sees it. */
function type(input: HTMLInputElement, text: string) {
  act(() => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const open = () => act(() => useStore.getState().setBudgetsOpen(true));

describe('the run budgets dialog', () => {
  it('shows the budgets in force and the defaults', () => {
    useStore.setState({ runBudgets: { maxEvents: 1e11, maxMemoryBytes: 512 * 2 ** 20 } });
    open();
    expect(field('budgets-events').value).toBe('100,000,000,000');
    expect(field('budgets-memory').value).toBe('512');
    expect(container.querySelector<HTMLSelectElement>('.budgets-amount select')!.value).toBe('MiB');
    expect(container.textContent).toContain('Default: 1,000,000,000');
    expect(container.textContent).toContain('Default: 1 GiB');
  });

  it('says beside a field what is wrong with it and applies nothing while one is wrong', () => {
    open();
    type(field('budgets-events'), 'lots');
    expect(field('budgets-events').getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('#budgets-events-error')!.textContent).toBe(
      '“lots” is not a number: write it with digits, such as 20000000 or 1e11.',
    );
    type(field('budgets-events'), '1e11');
    type(field('budgets-memory'), '-2');
    expect(container.querySelector('#budgets-events-error')).toBeNull();
    expect(container.querySelector('#budgets-memory-error')!.textContent).toBe('A budget must be above 0.');
    act(() => button('Apply').click());
    expect(useStore.getState().runBudgets).toEqual(APP_BUDGETS);
    expect(useStore.getState().budgetsOpen).toBe(true);
    expect(document.activeElement).toBe(field('budgets-memory'));
  });

  it('applies valid budgets in the unit chosen, and closes', () => {
    open();
    type(field('budgets-events'), '1e11');
    type(field('budgets-memory'), '8');
    act(() => button('Apply').click());
    expect(useStore.getState().runBudgets).toEqual({ maxEvents: 1e11, maxMemoryBytes: 8 * 2 ** 30 });
    expect(useStore.getState().budgetsOpen).toBe(false);
    expect(container.querySelector('dialog')).toBeNull();
  });

  it('restores the defaults into the fields; Cancel keeps the budgets as they were', () => {
    useStore.setState({ runBudgets: { maxEvents: 5, maxMemoryBytes: 2 ** 20 } });
    open();
    act(() => button('Restore defaults').click());
    expect(field('budgets-events').value).toBe('1,000,000,000');
    expect(field('budgets-memory').value).toBe('1');
    act(() => button('Cancel').click());
    expect(useStore.getState().runBudgets).toEqual({ maxEvents: 5, maxMemoryBytes: 2 ** 20 });
    open();
    act(() => button('Restore defaults').click());
    act(() => button('Apply').click());
    expect(useStore.getState().runBudgets).toEqual(APP_BUDGETS);
  });
});

describe('a notice of a run refused for its budget', () => {
  it('offers to raise the budget, by the refusal’s code; other notices do not', () => {
    act(() =>
      useStore.getState().notify('error', {
        message: {
          code: 'budget.events',
          params: { estimate: 3e9, limit: 1e9, field: 'nodes[0].params.rateRps' },
        },
      }),
    );
    act(() => button('Raise the budget…').click());
    expect(useStore.getState().budgetsOpen).toBe(true);

    act(() => useStore.getState().setBudgetsOpen(false));
    act(() =>
      useStore.getState().notify('error', {
        message: { code: 'budget.zeroTimeLoop', params: { field: 'x', nodes: 'a, b' } },
      }),
    );
    expect(button('Raise the budget…')).toBeUndefined();
    act(() => useStore.getState().notify('info', { key: 'chaos.notRunning' }));
    expect(button('Raise the budget…')).toBeUndefined();
  });

  it('opens the setting at the budget the refusal names, its value selected to type over', () => {
    const refuse = (code: string) =>
      act(() =>
        useStore.getState().notify('error', {
          message: { code, params: { estimate: 3e9, limit: 1e9, field: 'nodes[0].params.replicas' } },
        }),
      );
    refuse('budget.memory');
    act(() => button('Raise the budget…').click());
    const memory = field('budgets-memory');
    expect(document.activeElement).toBe(memory);
    expect([memory.selectionStart, memory.selectionEnd]).toEqual([0, memory.value.length]);
    act(() => button('Cancel').click());

    refuse('budget.eventsExceeded');
    act(() => button('Raise the budget…').click());
    expect(document.activeElement).toBe(field('budgets-events'));
  });

  it('says so in Chinese too', () => {
    act(() => useStore.setState({ locale: 'zh-CN' }));
    act(() =>
      useStore.getState().notify('error', {
        message: { code: 'budget.memory', params: { estimate: 3e9, limit: 1e9, field: 'nodes[0]' } },
      }),
    );
    expect(button('提高预算…')).toBeDefined();
  });
});
