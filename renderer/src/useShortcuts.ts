import { useEffect } from 'react';
import { duplicate } from './canvas/edits.ts';
import { saveDocument } from './platform/files.ts';
import type { Platform } from './platform/Platform.ts';
import { useStore } from './store/store.ts';

/** Keyboard shortcuts: undo/redo, save, copy/paste (duplicate), select all. Not while typing in a field. */
export function useShortcuts(platform: Platform): void {
  useEffect(() => {
    let clipboard: string[] = [];
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')
      )
        return;
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const s = useStore.getState();
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) s.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') s.redo();
      else if (key === 's') void saveDocument(platform, e.shiftKey);
      else if (key === 'c') clipboard = s.selection;
      else if (key === 'v' && clipboard.length > 0) {
        let ids: string[] = [];
        s.change((d) => {
          const result = duplicate(d, clipboard);
          ids = result.ids;
          return result.doc;
        });
        s.select(ids);
      } else if (key === 'a')
        s.select([...s.doc.nodes.map((n) => n.id), ...(s.doc.edges ?? []).map((x) => x.id)]);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [platform]);
}
