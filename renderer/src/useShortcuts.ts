import { useEffect } from 'react';
import { copySelection, cutSelection, pasteClipboard, selectAll } from './editCommands.ts';
import { saveDocument } from './platform/files.ts';
import type { Platform } from './platform/Platform.ts';
import { useStore } from './store/store.ts';

/** Keyboard shortcuts: undo/redo, save, cut/copy/paste (duplicate), select all. Not while typing in a field. */
export function useShortcuts(platform: Platform): void {
  useEffect(() => {
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
      else if (key === 'c') copySelection(useStore);
      else if (key === 'x') cutSelection(useStore);
      else if (key === 'v') {
        if (!pasteClipboard(useStore)) return;
      } else if (key === 'a') selectAll(useStore);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [platform]);
}
