import { useShallow } from 'zustand/react/shallow';
import { compact, ms } from '../canvas/heat.ts';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';

const selectStatus = (s: ReturnType<typeof useStore.getState>) => {
  const last = s.windows[s.windows.length - 1]?.endToEnd;
  return {
    p99: last?.latencyMs.p99 ?? null,
    rps: last?.throughputRps ?? null,
    errors: last ? last.errors.total : null,
    arrivals: last?.arrivals ?? 0,
    notice: s.notice,
  };
};

/** Always visible: the live end-to-end p99 with its unit, throughput and error ratio; and notices. */
export function StatusBar() {
  const t = useT();
  const { p99, rps, errors, arrivals, notice } = useStore(useShallow(selectStatus));
  const errorRatio = errors !== null && arrivals > 0 ? errors / arrivals : null;
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
