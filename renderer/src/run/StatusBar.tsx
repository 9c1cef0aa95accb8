import { useShallow } from 'zustand/react/shallow';
import { compact, ms } from '../canvas/heat.ts';
import { useT } from '../i18n/useT.ts';
import { shownWindow } from '../store/runSlice.ts';
import { useStore } from '../store/store.ts';

const selectStatus = (s: ReturnType<typeof useStore.getState>) => {
  const last = shownWindow(s)?.endToEnd;
  return {
    p99: last?.latencyMs.p99 ?? null,
    rps: last?.throughputRps ?? null,
    errors: last ? last.errors.total : null,
    finished: last ? last.completions + last.errors.total : 0,
    notice: s.notice,
  };
};

/** Always visible: the live end-to-end p99 with its unit, throughput and error ratio; and notices. */
export function StatusBar() {
  const t = useT();
  const { p99, rps, errors, finished, notice } = useStore(useShallow(selectStatus));
  // Errors among the requests that finished in the window (as the charts' delta table counts them).
  const errorRatio = errors !== null && finished > 0 ? errors / finished : null;
  return (
    <footer className="status-bar">
      <output data-testid="status-p99" aria-label="p99">
        {t('statusP99')} {ms(p99)}
      </output>
      <output data-testid="status-rps">
        {t('statusThroughput')} {rps === null ? '–' : `${compact(rps)} rps`}
      </output>
      <output data-testid="status-errors">
        {t('statusErrors')} {errorRatio === null ? '–' : `${(errorRatio * 100).toFixed(2)}%`}
      </output>
      {notice && (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => useStore.getState().dismissNotice()}>
            ✕
          </button>
        </div>
      )}
    </footer>
  );
}
