import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';

/** The selected node's or edge's parameters. */
export function Inspector() {
  const t = useT();
  const selection = useStore((s) => s.selection);
  return (
    <aside className="inspector" aria-label={t('inspector')}>
      <h2>{t('inspector')}</h2>
      {selection.length === 0 && <p className="hint">{t('nothingSelected')}</p>}
    </aside>
  );
}
