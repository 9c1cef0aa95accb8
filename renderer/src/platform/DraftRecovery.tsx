import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { clearDraft, type Draft, recoverableDraft, startAutosave } from './autosave.ts';
import type { Platform } from './Platform.ts';

/**
 * Keeps unsaved work safe: asks at start-up whether to recover the draft of the last session, then
 * autosaves while the document is dirty (flushing as the page goes away), and asks before the page is
 * closed with unsaved changes. Renders nothing once the question is answered.
 */
export function DraftRecovery({ platform }: { platform: Platform }) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const storage = platform.drafts;
  const [draft, setDraft] = useState<Draft | null>(() =>
    storage ? recoverableDraft(storage, useStore.getState().doc) : null,
  );
  const asking = draft !== null;
  const recoverButton = useRef<HTMLButtonElement>(null);

  // Autosave starts only once the question is answered, or it would overwrite the draft in question.
  useEffect(() => {
    if (!storage || asking) return;
    const autosave = startAutosave(useStore, storage);
    const onHide = () => autosave.flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      autosave.stop();
    };
  }, [storage, asking]);

  useEffect(() => {
    if (!platform.warnOnUnload) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!useStore.getState().dirty) return;
      event.preventDefault();
      // Older Chromium asks only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [platform.warnOnUnload]);

  useEffect(() => {
    if (asking) recoverButton.current?.focus();
  }, [asking]);

  if (draft === null) return null;
  const recover = () => {
    useStore.getState().load(draft.doc, draft.fileName, true);
    setDraft(null);
  };
  const discard = () => {
    if (storage) clearDraft(storage);
    setDraft(null);
  };
  return (
    <div className="modal-backdrop">
      <div
        className="recover-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="recover-title"
        aria-describedby="recover-detail"
      >
        <p id="recover-title" className="recover-title">
          {t('recoverPrompt')}
        </p>
        <p id="recover-detail" className="recover-detail">
          {draft.fileName ?? t('untitled')} · {new Date(draft.savedAtMs).toLocaleString(locale)}
        </p>
        <div className="recover-actions">
          <button ref={recoverButton} type="button" className="primary" onClick={recover}>
            {t('recover')}
          </button>
          <button type="button" onClick={discard}>
            {t('discard')}
          </button>
        </div>
      </div>
    </div>
  );
}
