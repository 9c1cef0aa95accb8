import { useT, useWords } from '../i18n/useT.ts';
import type { RunState } from './analysisRun.ts';

/** What a panel's status line says in each state of its run. */
export interface StatusWords {
  /** Before the first run. */
  idle: string;
  /** While it runs: how far it has got. */
  running: string;
  /** Runs finished, for "Cancelled after {runs} runs." */
  runs: number;
  /** What the answer was made of; null while there is no answer. */
  done: string | null;
  /** Why nothing can run in this document, said before anything else. */
  unable?: string;
}

/**
 * The status line of an analysis panel: its hint, its progress, the cancel, the failure (marked
 * `error`, in the UI language) or what the answer was made of. `inline` sets it in a row (a span).
 */
export function AnalysisStatus(props: {
  run: RunState;
  words: StatusWords;
  testId: string;
  inline?: boolean;
}) {
  const { run, words, testId, inline = false } = props;
  const t = useT();
  const problemText = useWords();
  let text = words.idle;
  if (words.unable !== undefined) text = words.unable;
  else if (run.status === 'running') text = words.running;
  else if (run.status === 'cancelled') text = t('limit.cancelled', { runs: words.runs });
  else if (run.status === 'failed' && run.problem) text = problemText(run.problem);
  else if (words.done !== null) text = words.done;
  const Line = inline ? 'span' : 'p';
  return (
    <Line
      className={run.status === 'failed' ? 'analysis-status error' : 'analysis-status'}
      data-testid={testId}
    >
      {text}
    </Line>
  );
}
