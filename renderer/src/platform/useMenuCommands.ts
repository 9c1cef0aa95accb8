import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { Runner } from '../run/runner.ts';
import { useStore } from '../store/store.ts';
import { openDocument } from './files.ts';
import { type CommandContext, KEY_ECHO_MS, KEYBOARD_COMMANDS, runMenuCommand } from './menuCommands.ts';
import type { Platform } from './Platform.ts';
import { togglePanel } from './panels.ts';

/**
 * Connects the renderer to the desktop shell, when there is one (`platform.native`): runs native menu
 * commands, loads documents opened from outside, and keeps the window title and its unsaved-changes
 * state current. Does nothing in a browser. Needs React Flow's provider (zoom and fit).
 */
export function useMenuCommands(platform: Platform, runner: Runner): void {
  const flow = useReactFlow();
  const flowRef = useRef(flow);
  flowRef.current = flow;

  useEffect(() => {
    const native = platform.native;
    if (!native) return;

    // When a key the page handled (preventDefault) also comes back as a menu command, run it once.
    let handledKeyAtMs = Number.NEGATIVE_INFINITY;
    const onKey = (e: KeyboardEvent) => {
      // After every other listener, the window's included: only then is defaultPrevented final.
      if (e.ctrlKey || e.metaKey) {
        setTimeout(() => {
          if (e.defaultPrevented) handledKeyAtMs = performance.now();
        }, 0);
      }
    };
    window.addEventListener('keydown', onKey);

    const context = (): CommandContext => ({
      store: useStore,
      runner,
      platform,
      view: flowRef.current,
      editingText,
      togglePanel: (panel) => togglePanel(panel),
    });
    const offCommand = native.onMenuCommand((command) => {
      if (KEYBOARD_COMMANDS.has(command) && performance.now() - handledKeyAtMs < KEY_ECHO_MS) return;
      void runMenuCommand(command, context());
    });
    // Validated by the main process already; files.ts validates again and loads, or explains.
    const offFile = native.onOpenFile(
      (file) => void openDocument({ ...platform, openDocument: async () => file }),
    );

    const report = ({ fileName, dirty }: { fileName: string | null; dirty: boolean }) =>
      native.setTitleState({ fileName, dirty });
    report(useStore.getState());
    const offStore = useStore.subscribe((s, previous) => {
      if (s.fileName !== previous.fileName || s.dirty !== previous.dirty) report(s);
    });

    return () => {
      window.removeEventListener('keydown', onKey);
      offCommand();
      offFile();
      offStore();
    };
  }, [platform, runner]);
}

/** The hook as a component, for a place inside React Flow's provider. Renders nothing. */
export function MenuCommands({ platform, runner }: { platform: Platform; runner: Runner }): null {
  useMenuCommands(platform, runner);
  return null;
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

/** Whether the focused element takes text (so Undo, Copy, Paste… belong to it). */
function editingText(): boolean {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA') return true;
  return el.tagName === 'INPUT' && !NON_TEXT_INPUTS.has((el as HTMLInputElement).type);
}
