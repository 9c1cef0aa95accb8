import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { modelEndToEndMeanMs, msPairText } from '../analysis/modelMean.ts';
import { noticeText } from '../i18n/noticeText.ts';
import { useNumbers, useT } from '../i18n/useT.ts';
import { shownWindow } from '../store/runSlice.ts';
import { useStore } from '../store/store.ts';
import type { Notice } from '../store/uiSlice.ts';
import { budgetRaisedFor } from './runBudgets.ts';
import { useStale, useWindowSec } from './stale.ts';

const selectStatus = (s: ReturnType<typeof useStore.getState>) => {
  const last = shownWindow(s)?.endToEnd;
  return {
    p99: last?.latencyMs.p99 ?? null,
    rps: last?.throughputRps ?? null,
    errors: last ? last.errors.total : null,
    finished: last ? last.completions + last.errors.total : 0,
    notice: s.notice,
    locale: s.locale,
    // The whole run's mean (after warm-up), to compare with the model's steady-state mean.
    meanMs: s.summary?.endToEnd.latencyMs.mean ?? null,
    modelMs: modelEndToEndMeanMs(s.estimate),
  };
};

/**
 * Always visible: the end-to-end p99, throughput and error ratio of the window shown (labelled as
 * such: the charts' histogram and summary.csv give the whole run's), for a product-form network the
 * run's mean beside the queueing model's, whether they are out of date, and notices. A notice caused at
 * the pointer (a refused edge) is also shown there. A run refused for its budget offers to open the run
 * budgets setting.
 */
export function StatusBar() {
  const t = useT();
  const n = useNumbers();
  const { p99, rps, errors, finished, notice, locale, meanMs, modelMs } = useStore(useShallow(selectStatus));
  const stale = useStale();
  const windowSec = useWindowSec();
  // Errors among the requests that finished in the window (as the charts' delta table counts them).
  const errorRatio = errors !== null && finished > 0 ? errors / finished : null;
  const text = notice ? noticeText(locale, notice.what) : '';
  const bubble = useBubble(notice);
  // A refusal a higher budget would let through says where to raise it (by its code, not its words).
  const raise = notice !== null && 'message' in notice.what ? budgetRaisedFor(notice.what.message) : null;
  return (
    <footer className="status-bar">
      <output data-testid="status-p99">
        {t('p99.window', { sec: windowSec })} {n.ms(p99)}
      </output>
      <output data-testid="status-rps">
        {t('statusThroughput')} {rps === null ? '–' : `${n.count(rps)} rps`}
      </output>
      <output data-testid="status-errors">
        {t('statusErrors')} {n.percent(errorRatio)}
      </output>
      {modelMs !== null && (
        <output data-testid="status-mean" title={t('model.statusTitle')}>
          {meanMs === null
            ? t('model.badge', { model: n.ms(modelMs) })
            : t('model.versus', msPairText(locale, meanMs, modelMs))}
        </output>
      )}
      {stale && (
        <output className="status-stale" data-testid="status-stale" title={t('results.stale')}>
          {t('results.staleShort')}
        </output>
      )}
      {notice && (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{text}</span>
          {raise !== null && (
            <button
              type="button"
              className="notice-action"
              title={t('budgets.raise.hint')}
              onClick={() => useStore.getState().setBudgetsOpen(true, raise)}
            >
              {t('budgets.raise')}
            </button>
          )}
          <button
            type="button"
            aria-label={t('notice.dismiss')}
            title={t('notice.dismiss')}
            onClick={() => useStore.getState().dismissNotice()}
          >
            ✕
          </button>
        </div>
      )}
      {bubble?.at && (
        <div
          className={`pointer-notice notice-${bubble.kind}`}
          data-testid="pointer-notice"
          aria-hidden
          style={{ left: bubble.at.x + 14, top: bubble.at.y + 14 }}
        >
          {text}
        </div>
      )}
    </footer>
  );
}

const BUBBLE_MS = 4000;

/** The notice to show at the pointer: for a few seconds, then only the status bar keeps it. */
function useBubble(notice: Notice | null): Notice | null {
  const [bubble, setBubble] = useState<Notice | null>(null);
  useEffect(() => {
    setBubble(notice?.at ? notice : null);
    if (!notice?.at) return;
    const timer = setTimeout(() => setBubble(null), BUBBLE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return bubble;
}
