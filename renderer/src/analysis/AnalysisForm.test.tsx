// @vitest-environment happy-dom
import { act, createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mountPerTest } from '../testing/mountPerTest.ts';
import { AnalysisForm } from './AnalysisForm.tsx';

const mounted = mountPerTest();

function mount({ running = false, enabled = true, invalid = null as string | null } = {}) {
  const start = vi.fn();
  const cancel = vi.fn();
  mounted.render(
    <AnalysisForm
      label="Sweep"
      run={{ label: 'Run sweep', running, enabled, start, cancel }}
      csv={{ title: 'Export the table', file: 't.csv', text: null }}
      png={{ file: 't.png', chart: createRef(), ready: false }}
      invalid={invalid}
    >
      <input aria-label="field" />
    </AnalysisForm>,
  );
  const button = (name: string) =>
    [...mounted.container.querySelectorAll('button')].find((b) => b.textContent === name) ?? null;
  return { start, cancel, button };
}

describe('AnalysisForm', () => {
  it('runs on submit, named as its tab, its fields before the buttons', () => {
    const { start, button } = mount();
    expect(mounted.container.querySelector('form')?.getAttribute('aria-label')).toBe('Sweep');
    expect(mounted.container.querySelector('form > input + .analysis-actions')).not.toBeNull();
    act(() => button('Run sweep')?.click());
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('offers Cancel instead of Run while running, and a click on it does not submit', () => {
    const { start, cancel, button } = mount({ running: true });
    expect(button('Run sweep')).toBeNull();
    act(() => button('Cancel')?.click());
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(start).not.toHaveBeenCalled();
  });

  it('disables Run when there is nothing to run, and the exports until there is something to save', () => {
    const { button } = mount({ enabled: false });
    expect(button('Run sweep')?.disabled).toBe(true);
    expect(button('CSV')?.disabled).toBe(true);
    expect(button('CSV')?.title).toBe('Export the table');
    expect(button('PNG')?.disabled).toBe(true);
  });

  it('says what is wrong as an alert under the fields', () => {
    mount({ invalid: 'Give a number.' });
    expect(mounted.container.querySelector('[role="alert"].analysis-invalid')?.textContent).toBe(
      'Give a number.',
    );
  });
});
