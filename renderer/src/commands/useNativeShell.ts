import { useEffect } from 'react';
import { openDocument } from '../platform/files.ts';
import type { Platform } from '../platform/Platform.ts';
import { useStore } from '../store/store.ts';
import type { CommandContext } from './Command.ts';
import { executeCommand } from './dispatch.ts';
import { menuModel } from './nativeMenu.ts';

/**
 * Connects the command system to the desktop shell, when there is one (`platform.native`): keeps the
 * native menus in step with the registry (language, enabled and checked states), runs chosen menu
 * items through the dispatcher, loads documents opened from outside (asking about unsaved changes
 * first, as Open does), and keeps the window title current. Does nothing in a browser.
 */
export function useNativeShell(platform: Platform, context: () => CommandContext): void {
  useEffect(() => {
    const native = platform.native;
    if (!native) return;

    const offCommand = native.onMenuCommand((id) => void executeCommand(id, context(), 'menu'));
    // Validated by the main process already; files.ts validates again and loads, or explains.
    const offFile = native.onOpenFile(
      (file) => void openDocument({ ...platform, openDocument: async () => file }, context().confirmReplace),
    );

    let sentMenu = '';
    const sendMenu = (state: ReturnType<typeof useStore.getState>) => {
      const model = menuModel(state);
      const text = JSON.stringify(model);
      if (text === sentMenu) return;
      sentMenu = text;
      native.setMenu(model);
    };
    const report = ({ fileName, dirty }: { fileName: string | null; dirty: boolean }) =>
      native.setTitleState({ fileName, dirty });
    const initial = useStore.getState();
    report(initial);
    sendMenu(initial);
    const offStore = useStore.subscribe((s, previous) => {
      if (s.fileName !== previous.fileName || s.dirty !== previous.dirty) report(s);
      sendMenu(s);
    });

    return () => {
      offCommand();
      offFile();
      offStore();
    };
  }, [platform, context]);
}
