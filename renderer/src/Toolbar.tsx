import { useShallow } from 'zustand/react/shallow';
import { CommandButton } from './commands/CommandButton.tsx';
import { useRunCommand } from './commands/Commands.tsx';
import { MenuButton } from './commands/MenuButton.tsx';
import { LOCALES, type Locale } from './i18n/messages.ts';
import { useT } from './i18n/useT.ts';
import { useStore } from './store/store.ts';

const selectToolbar = (s: ReturnType<typeof useStore.getState>) => ({
  fileName: s.fileName,
  dirty: s.dirty,
  locale: s.locale,
});

/** The toolbar's commands, in groups; the same commands as the native menus, through one dispatcher. */
export const TOOLBAR = {
  file: ['file.new', 'file.open', 'file.presets', 'file.save', 'file.saveAs'],
  exports: ['file.exportCsv', 'file.exportCanvasPng', 'file.exportCanvasSvg', 'file.exportChartImage'],
  edit: ['edit.undo', 'edit.redo', 'edit.autoLayout'],
  results: ['view.toggleTail', 'sim.pin'],
} as const;

/**
 * File, edit and results commands, on one row whose height and button positions never change: the file
 * name has a column of its own that cuts a long name short, and toggles keep one label (pressed or not).
 */
export function Toolbar() {
  const t = useT();
  const run = useRunCommand();
  const { fileName, dirty, locale } = useStore(useShallow(selectToolbar));
  const name = fileName ?? t('untitled');
  return (
    <header className="toolbar">
      <span className="app-name">{t('appName')}</span>
      <span className="file-name" title={dirty ? `${name} — ${t('unsaved')}` : name}>
        <span className="file-name-text">{name}</span>
        <span className="dirty-mark" aria-hidden="true">
          {dirty ? ' •' : ''}
        </span>
        {dirty && <span className="visually-hidden">{t('unsaved')}</span>}
      </span>
      <fieldset className="toolbar-group">
        <legend className="visually-hidden">{t('toolbar.file')}</legend>
        {TOOLBAR.file.map((id) => (
          <CommandButton key={id} id={id} />
        ))}
        <MenuButton label={t('toolbar.export')} entries={TOOLBAR.exports.map((id) => ({ id }))} />
      </fieldset>
      <fieldset className="toolbar-group">
        <legend className="visually-hidden">{t('toolbar.edit')}</legend>
        {TOOLBAR.edit.map((id) => (
          <CommandButton key={id} id={id} />
        ))}
      </fieldset>
      <fieldset className="toolbar-group">
        <legend className="visually-hidden">{t('toolbar.results')}</legend>
        {TOOLBAR.results.map((id) => (
          <CommandButton key={id} id={id} />
        ))}
      </fieldset>
      <label className="language">
        {t('language')}
        <select
          value={locale}
          onChange={(e) => void run(`view.language.${e.target.value as Locale}`, 'toolbar')}
        >
          {Object.entries(LOCALES).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
