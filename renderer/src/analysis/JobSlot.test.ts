import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../sim-core/analysis/analysisWorkerApi.ts';
import type { AnalysisJob } from './analysisClient.ts';
import { JobSlot } from './JobSlot.ts';

/** Jobs that answer when told to, and settle as cancelled on cancel, as the analysis client's do. */
function fakeJobs() {
  const jobs: { job: AnalysisJob<number>; answer: (value: number) => void; cancelled: () => boolean }[] = [];
  const start = (() => {
    let settle: (answer: Answer<number>) => void = () => {};
    let cancelled = false;
    const answer = new Promise<Answer<number>>((resolve) => {
      settle = resolve;
    });
    const job: AnalysisJob<number> = {
      answer,
      cancel: () => {
        cancelled = true;
        settle({ ok: false, problem: { code: 'worker.cancelled', params: {} } });
      },
    };
    jobs.push({ job, answer: (value) => settle({ ok: true, value }), cancelled: () => cancelled });
    return job;
  }) as unknown as ConstructorParameters<typeof JobSlot>[0];
  return { jobs, start };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('JobSlot', () => {
  it('reports the answer of the job it holds, then holds none', async () => {
    const { jobs, start } = fakeJobs();
    const slot = new JobSlot(start);
    const answers: Answer<number>[] = [];
    const job = slot.start(
      async () => ({ ok: true, value: 0 }),
      (a) => answers.push(a),
    );
    expect(slot.holds(job)).toBe(true);
    jobs[0].answer(7);
    await flush();
    expect(answers).toEqual([{ ok: true, value: 7 }]);
    expect(slot.holds(job)).toBe(false);
  });

  it('cancels the job before when another starts, and drops the replaced job’s answer', async () => {
    const { jobs, start } = fakeJobs();
    const slot = new JobSlot(start);
    const answers: string[] = [];
    slot.start(
      async () => ({ ok: true, value: 0 }),
      () => answers.push('first'),
    );
    const second = slot.start(
      async () => ({ ok: true, value: 0 }),
      () => answers.push('second'),
    );
    expect(jobs[0].cancelled()).toBe(true);
    await flush();
    expect(answers).toEqual([]);
    expect(slot.holds(second)).toBe(true);
  });

  it('cancel stops the job it holds, whose answer says so', async () => {
    const { jobs, start } = fakeJobs();
    const slot = new JobSlot(start);
    const answers: Answer<number>[] = [];
    slot.start(
      async () => ({ ok: true, value: 0 }),
      (a) => answers.push(a),
    );
    slot.cancel();
    await flush();
    expect(jobs[0].cancelled()).toBe(true);
    expect(answers).toEqual([{ ok: false, problem: { code: 'worker.cancelled', params: {} } }]);
    slot.cancel();
  });
});
