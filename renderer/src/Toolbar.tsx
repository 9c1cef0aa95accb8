import { useShallow } from 'zustand/react/shallow';
import { LOCALES, type Locale } from './i18n/messages.ts';
import { useT } from './i18n/useT.ts';
import { autoLayout } from './model/autoLayout.ts';
import { emptyDoc } from './model/document.ts';
import { exportCsv, openDocument, saveDocument } from './platform/files.ts';
import type { Platform } from './platform/Platform.ts';
import { useUnsavedGuard } from './presets/useUnsavedGuard.tsx';
import { useStore } from './store/store.ts';

const selectToolbar = (s: ReturnType<typeof useStore.getState>) => ({
  fileName: s.fileName,
  dirty: s.dirty,
  canUndo: s.past.length > 0,
  canRedo: s.future.length > 0,
  hasResults: s.summary !== null,
  locale: s.locale,
  showTail: s.showTail,
  pinned: s.pinned !== null,
});

/** File, edit and view actions; the same actions the desktop menus call. */
export function Toolbar({ platform }: { platform: Platform }) {
  const t = useT();
  const { fileName, dirty, canUndo, canRedo, hasResults, locale, showTail, pinned } = useStore(
    useShallow(selectToolbar),
  );
  const s = useStore.getState;
  // New and Open replace the document: with unsaved changes they ask first.
  const [guard, question] = useUnsavedGuard(platform);
  return (
    <header className="toolbar">
      {question}
      <span className="app-name">{t('appName')}</span>
      <span className="file-name" title={dirty ? t('unsaved') : undefined}>
        {fileName ?? t('untitled')}
        {dirty ? ' •' : ''}
      </span>
      <button type="button" onClick={() => guard(() => s().load(emptyDoc(), null))}>
        {t('new')}
      </button>
      <button type="button" onClick={() => void openDocument(platform, guard)}>
        {t('open')}
      </button>
      <button type="button" onClick={() => s().setGalleryOpen(true)}>
        {t('presets')}
      </button>
      <button type="button" onClick={() => void saveDocument(platform, false)}>
        {t('save')}
      </button>
      <button type="button" onClick={() => void saveDocument(platform, true)}>
        {t('saveAs')}
      </button>
      <button type="button" onClick={() => void exportCsv(platform)} disabled={!hasResults}>
        {t('exportCsv')}
      </button>
      <span className="separator" />
      <button type="button" onClick={() => s().undo()} disabled={!canUndo}>
        {t('undo')}
      </button>
      <button type="button" onClick={() => s().redo()} disabled={!canRedo}>
        {t('redo')}
      </button>
      <button type="button" onClick={() => s().change(autoLayout)}>
        {t('autoLayout')}
      </button>
      <span className="separator" />
      <button type="button" aria-pressed={showTail} onClick={() => s().toggleTail()} disabled={!hasResults}>
        {showTail ? t('hideTail') : t('showTail')}
      </button>
      {pinned ? (
        <button type="button" onClick={() => s().unpin()}>
          {t('unpin')}
        </button>
      ) : (
        <button type="button" onClick={() => s().pin(new Date().toLocaleTimeString())} disabled={!hasResults}>
          {t('pinRun')}
        </button>
      )}
      <label className="language">
        {t('language')}
        <select value={locale} onChange={(e) => s().setLocale(e.target.value as Locale)}>
          {Object.entries(LOCALES).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
