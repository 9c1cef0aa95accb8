import { describe, expect, it } from 'vitest';
import { type RunState, stoppedRun } from './analysisRun.ts';

describe('stoppedRun', () => {
  const running: RunState & { runs: number } = { status: 'running', problem: null, runs: 3 };

  it('takes the worker’s cancel for the user’s, without a problem to show', () => {
    expect(stoppedRun(running, { code: 'worker.cancelled', params: {} })).toEqual({
      status: 'cancelled',
      problem: null,
      runs: 3,
    });
  });

  it('keeps any other problem as the failure', () => {
    const problem = { code: 'worker.crashed', params: { detail: 'out of memory' } };
    expect(stoppedRun(running, problem)).toEqual({ status: 'failed', problem, runs: 3 });
  });

  it('leaves a run that is no longer running alone', () => {
    const done: RunState = { status: 'done', problem: null };
    expect(stoppedRun(done, { code: 'worker.crashed', params: {} })).toBe(done);
  });
});
