import { useReactFlow } from '@xyflow/react';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef } from 'react';
import type { FlowNode } from '../canvas/flowModel.ts';
import type { Platform } from '../platform/Platform.ts';
import { useUnsavedGuard } from '../presets/useUnsavedGuard.tsx';
import type { Runner } from '../run/runner.ts';
import { useStore } from '../store/store.ts';
import type { CommandContext, CommandSource } from './Command.ts';
import { executeCommand } from './dispatch.ts';
import { createKeyHandler, DOM_KEYS, isTextField } from './keyboard.ts';
import { togglePanel } from './panels.ts';
import type { CommandId } from './registry.ts';
import { useNativeShell } from './useNativeShell.ts';

/** Runs a command from a component: the toolbar, a context menu, the canvas. */
export type RunCommand = (id: CommandId, source: CommandSource, value?: unknown) => Promise<boolean>;

const RunContext = createContext<RunCommand | null>(null);

/**
 * Puts the command system in place for everything inside it: the dispatcher's context (store,
 * platform, runner, React Flow's viewport, the unsaved-changes question), the keyboard, and in the
 * desktop app the native menus. Must sit inside React Flow's provider.
 */
export function Commands({
  platform,
  runner,
  children,
}: {
  platform: Platform;
  runner: Pick<Runner, 'run' | 'pause' | 'step' | 'reset'>;
  children: ReactNode;
}) {
  const flow = useReactFlow<FlowNode>();
  const [confirmReplace, question] = useUnsavedGuard(platform);
  const contextRef = useRef<CommandContext | null>(null);
  contextRef.current = {
    store: useStore,
    platform,
    runner,
    view: flow,
    confirmReplace,
    editingText: () => isTextField(document.activeElement),
    togglePanel: (panel) => togglePanel(panel),
  };
  const context = useCallback(() => contextRef.current as CommandContext, []);
  const run = useMemo<RunCommand>(
    () => (id, source, value) => executeCommand(id, context(), source, value),
    [context],
  );

  useEffect(() => {
    const onKey = createKeyHandler(context, DOM_KEYS);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [context]);
  useNativeShell(platform, context);

  return (
    <RunContext.Provider value={run}>
      {children}
      {question}
    </RunContext.Provider>
  );
}

/** The dispatcher, for components inside `Commands`. */
export function useRunCommand(): RunCommand {
  const run = useContext(RunContext);
  if (!run) throw new Error('useRunCommand needs <Commands> above it.');
  return run;
}
