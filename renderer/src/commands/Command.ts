import type { ReactFlowInstance } from '@xyflow/react';
import type { NativeEdit } from '../../../electron/contract.ts';
import type { FlowNode } from '../canvas/flowModel.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { Doc } from '../model/document.ts';
import type { Platform } from '../platform/Platform.ts';
import type { Runner } from '../run/runner.ts';
import type { Store } from '../store/store.ts';
import type { Panel } from './panels.ts';

/**
 * A command is data (Excalidraw's actions are the model): what it is called, its shortcuts, when it
 * applies, and what it does. The toolbar, the keyboard, the context menus and the native menus all run
 * commands through one dispatcher (`executeCommand`), so each path does exactly the same thing once.
 */

/** Where a command was invoked from (the dispatcher treats text-field edits differently per source). */
export type CommandSource = 'toolbar' | 'keyboard' | 'menu' | 'context' | 'canvas';

/** The canvas viewport: React Flow's instance. */
export type FlowView = Pick<
  ReactFlowInstance<FlowNode>,
  'zoomIn' | 'zoomOut' | 'zoomTo' | 'fitView' | 'getViewport' | 'screenToFlowPosition' | 'getNodes'
>;

/** What commands may reach beyond the store: the host, the runner, the viewport and the user. */
export interface CommandContext {
  store: { getState(): Store };
  platform: Platform;
  runner: Pick<Runner, 'run' | 'pause' | 'step' | 'reset'>;
  view: FlowView | null;
  /** Runs `replace` at once, or after the user agreed to lose (or saved) the unsaved changes. */
  confirmReplace(replace: () => void): void;
  /** Whether a text field has the focus: edit commands then belong to it. */
  editingText(): boolean;
  togglePanel(panel: Panel): void;
}

/**
 * What a pure command returns: the new document (recorded as one undo step) and/or the new
 * selection. Commands with effects (saving, zooming, running) return nothing.
 */
export interface Patch {
  doc?: Doc;
  selection?: readonly string[];
}

export interface Command {
  /** The name, with an `&` before the menu's access key ('&Open…'); the toolbar drops both. */
  label: MessageKey;
  /** Values for the label's placeholders ('×{factor}'). */
  labelVars?: Readonly<Record<string, string | number>>;
  /** A sentence for the tooltip when the name alone does not explain the command. */
  hint?: MessageKey;
  /** Shortcuts as `shortcuts.ts` reads them; the first is the one menus and tooltips show. */
  shortcuts?: readonly string[];
  /** Its shortcut also works while a text field has the focus (the field commits first). */
  whileTyping?: boolean;
  /** In a focused text field this command is the field's own edit, done natively by the shell. */
  textEdit?: NativeEdit;
  /** Holding the key repeats it (undo, zoom); otherwise a held key runs the command once. */
  repeats?: boolean;
  /** Whether it applies now; a disabled command is greyed out and refused by the dispatcher. */
  enabled?(state: Store): boolean;
  /** For an on/off or one-of-several command: whether it is on (a check mark in menus). */
  checked?(state: Store): boolean;
  /** One of a group of which exactly one is on (language, speed): a radio item in menus. */
  radio?: boolean;
  /** Does the command. `value` carries what a context menu knows (where the pointer was, which kind). */
  perform(state: Store, ctx: CommandContext, value?: unknown): Patch | undefined | Promise<void>;
}
