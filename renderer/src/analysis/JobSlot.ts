import type * as Comlink from 'comlink';
import type { AnalysisWorkerApi, Answer } from '../../../sim-core/analysis/analysisWorkerApi.ts';
import { type AnalysisJob, startAnalysis } from './analysisClient.ts';

/**
 * Where a panel keeps its one analysis job. Starting a job cancels the one before (its worker ends at
 * once), and only the latest job's answer is reported: a replaced job's last word never lands on its
 * successor's state. Panels keep theirs at module level, so a job goes on while its tab is not shown.
 */
export class JobSlot {
  #job: AnalysisJob<unknown> | null = null;

  /** `startJob` starts a job on a fresh worker: the analysis client's; tests pass a fake. */
  constructor(private readonly startJob: typeof startAnalysis = startAnalysis) {}

  /**
   * Runs `use` on a fresh analysis worker in place of the job before, and calls `onAnswer` once with its
   * answer (cancelled included) unless another job has replaced it by then. Returns the job.
   */
  start<T>(
    use: (api: Comlink.Remote<AnalysisWorkerApi>) => Promise<Answer<T>>,
    onAnswer: (answer: Answer<T>) => void,
  ): AnalysisJob<T> {
    this.#job?.cancel();
    const mine = this.startJob(use);
    this.#job = mine;
    void mine.answer.then((answer) => {
      if (this.#job !== mine) return;
      this.#job = null;
      onAnswer(answer);
    });
    return mine;
  }

  /** Whether `job` is the one this slot runs: its progress still counts. */
  holds(job: AnalysisJob<unknown>): boolean {
    return this.#job === job;
  }

  /** Stops the job running, if any; its answer comes as `worker.cancelled`. */
  cancel = (): void => {
    this.#job?.cancel();
  };
}
