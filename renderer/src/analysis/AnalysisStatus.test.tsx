// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../sim-core/messages/formatMessage.ts';
import { useStore } from '../store/store.ts';
import { mountPerTest } from '../testing/mountPerTest.ts';
import { AnalysisStatus, type StatusWords } from './AnalysisStatus.tsx';
import type { RunState } from './analysisRun.ts';

const mounted = mountPerTest();

const WORDS: StatusWords = { idle: 'Hint.', running: 'Running…', runs: 4, done: '2 seeds.' };

function line(run: RunState, words: Partial<StatusWords> = {}, inline = false): HTMLElement {
  mounted.render(<AnalysisStatus run={run} words={{ ...WORDS, ...words }} testId="s" inline={inline} />);
  return mounted.container.querySelector('[data-testid="s"]') as HTMLElement;
}

describe('AnalysisStatus', () => {
  it('says the hint, the progress, the cancel with its runs, or the answer’s summary', () => {
    expect(line({ status: 'idle', problem: null }, { done: null }).textContent).toBe('Hint.');
    expect(line({ status: 'running', problem: null }).textContent).toBe('Running…');
    expect(line({ status: 'cancelled', problem: null }).textContent).toBe('Cancelled after 4 runs.');
    expect(line({ status: 'done', problem: null }).textContent).toBe('2 seeds.');
  });

  it('words a failure in the UI language and marks it as an error', () => {
    useStore.getState().setLocale('zh-CN');
    const problem = { code: 'worker.failed', params: { name: 'E', detail: 'x' } };
    const failed = line({ status: 'failed', problem });
    expect(failed.textContent).toBe(formatMessage('zh-CN', problem));
    expect(failed.textContent).not.toBe(formatMessage('en', problem));
    expect(failed.className).toBe('analysis-status error');
  });

  it('says why nothing can run before anything else, in a span when inline', () => {
    const unable = line({ status: 'done', problem: null }, { unable: 'Nothing to vary.' }, true);
    expect([unable.tagName, unable.textContent, unable.className]).toEqual([
      'SPAN',
      'Nothing to vary.',
      'analysis-status',
    ]);
  });
});
