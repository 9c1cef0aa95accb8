import { type ReactNode, useCallback, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { saveDocument } from '../platform/files.ts';
import type { Platform } from '../platform/Platform.ts';
import { useStore } from '../store/store.ts';
import { ModalDialog } from './ModalDialog.tsx';

/**
 * Guards an action that replaces the document: with unsaved changes it asks first — Save (then go on
 * only if the save went through), Discard, or Cancel. Returns the guard and the question to render.
 */
export function useUnsavedGuard(platform: Platform): [(action: () => void) => void, ReactNode] {
  const t = useT();
  const [pending, setPending] = useState<(() => void) | null>(null);
  const guard = useCallback((action: () => void) => {
    if (useStore.getState().dirty) setPending(() => action);
    else action();
  }, []);
  if (pending === null) return [guard, null];
  const name = useStore.getState().fileName ?? t('untitled');
  const answer = async (choice: 'save' | 'discard' | 'cancel') => {
    setPending(null);
    if (choice === 'cancel') return;
    if (choice === 'save') {
      await saveDocument(platform, false);
      if (useStore.getState().dirty) return;
    }
    pending();
  };
  const question = (
    <ModalDialog
      className="confirm-dialog"
      labelledBy="confirm-title"
      describedBy="confirm-detail"
      onClose={() => setPending(null)}
    >
      <p id="confirm-title" className="recover-title">
        {t('confirm.unsaved', { name })}
      </p>
      <p id="confirm-detail" className="recover-detail">
        {t('confirm.detail')}
      </p>
      <div className="recover-actions">
        <button type="button" className="primary" onClick={() => void answer('save')}>
          {t('save')}
        </button>
        <button type="button" onClick={() => void answer('discard')}>
          {t('discard')}
        </button>
        <button type="button" onClick={() => void answer('cancel')}>
          {t('cancel')}
        </button>
      </div>
    </ModalDialog>
  );
  return [guard, question];
}
