import type { ReactNode, Ref } from 'react';
import type { Doc } from '../model/document.ts';
import { useChangedSince } from '../run/stale.ts';
import { StaleNote } from './StaleNote.tsx';

interface AnalysisResultProps {
  /** The document the answer was computed on (null before any run). */
  from: Doc | null;
  /** Whether an answer, or part of one, is on screen. */
  shown: boolean;
  /** The test id of the out-of-date note. */
  staleTestId: string;
  /** The panel's width measure (`useWidth`), for its chart. */
  ref?: Ref<HTMLDivElement>;
  children: ReactNode;
}

/**
 * The answer side of an analysis panel. Once the document shown simulates differently from the one the
 * answer came from, the answer stays, dimmed (`stale`), under a note that says so.
 */
export function AnalysisResult({ from, shown, staleTestId, ref, children }: AnalysisResultProps) {
  const stale = useChangedSince(from) && shown;
  return (
    <div className={stale ? 'analysis-result stale' : 'analysis-result'} ref={ref}>
      {stale && <StaleNote testId={staleTestId} />}
      {children}
    </div>
  );
}
