// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { mountPerTest } from '../testing/mountPerTest.ts';
import { NumberField, RunLengthField } from './NumberField.tsx';
import { useFields } from './useFields.ts';

const mounted = mountPerTest();

/** A form of two fields whose Run marks `seeds` wrong (or, with `whole`, the whole form). */
function Form({ whole = false }: { whole?: boolean }) {
  const { setWrong, bind } = useFields<{ seeds: string; durationSec: string }, 'seeds' | true>({
    seeds: '3',
    durationSec: '',
  });
  return (
    <>
      <NumberField label="Seeds" whole small {...bind('seeds')} />
      <NumberField label="points" labelAfter {...bind('durationSec')} />
      <RunLengthField {...bind('durationSec')} />
      <button type="button" onClick={() => setWrong(whole ? true : 'seeds')}>
        Run
      </button>
    </>
  );
}

const inputs = () => [...mounted.container.querySelectorAll('input')];
const invalid = () => inputs().map((i) => i.getAttribute('aria-invalid'));

/** Types `text` into an input as React sees it. */
function type(input: HTMLInputElement, text: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('NumberField and useFields', () => {
  it('draws the label and the box in the order asked, with the box for its kind of number', () => {
    mounted.render(<Form />);
    const labels = [...mounted.container.querySelectorAll('label')];
    expect(labels.map((l) => [l.firstChild?.nodeName, l.textContent])).toEqual([
      ['#text', 'Seeds'],
      ['INPUT', 'points'],
      ['#text', 'Run length (s)'],
    ]);
    expect(inputs().map((i) => [i.className, i.inputMode, i.placeholder])).toEqual([
      ['analysis-small', 'numeric', ''],
      ['analysis-number', 'decimal', ''],
      ['analysis-number', 'decimal', 'scenario'],
    ]);
  });

  it('marks the field at fault, or every field, until the user types again', () => {
    mounted.render(<Form />);
    expect(invalid()).toEqual(['false', 'false', 'false']);
    act(() => mounted.container.querySelector('button')?.click());
    expect(invalid()).toEqual(['true', 'false', 'false']);
    type(inputs()[1], '10');
    expect(invalid()).toEqual(['false', 'false', 'false']);
    expect(inputs()[2].value).toBe('10');

    mounted.render(<Form whole />);
    act(() => mounted.container.querySelector('button')?.click());
    expect(invalid()).toEqual(['true', 'true', 'true']);
  });
});
