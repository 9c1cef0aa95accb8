import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { renamed } from './rename.ts';

/**
 * The name of a node or region, edited in place (double-click, F2, Edit ▸ Rename): Enter or leaving the
 * field keeps the new name as one undo step, Escape keeps the old one.
 */
export function RenameField({ id, name }: { id: string; name: string }) {
  const t = useT();
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const finish = (keep: boolean) => {
    if (done.current) return;
    done.current = true;
    const s = useStore.getState();
    const text = (ref.current?.value ?? '').trim();
    if (keep && text !== name) s.change((doc) => renamed(doc, id, text, s.locale));
    s.setRenaming(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') finish(true);
    else if (e.key === 'Escape') finish(false);
    // The canvas must not take the keys (Delete, arrows) while the name is typed.
    e.stopPropagation();
  };
  return (
    <input
      ref={ref}
      className="rename-field nodrag nopan"
      type="text"
      defaultValue={name}
      aria-label={t('rename.field', { name })}
      onKeyDown={onKeyDown}
      onBlur={() => finish(true)}
    />
  );
}
