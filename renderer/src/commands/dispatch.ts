import type { CommandContext, CommandSource, Patch } from './Command.ts';
import { COMMANDS, isCommandId } from './registry.ts';

/**
 * The one way any command runs. A refused command (unknown, or not applicable now) returns false and
 * changes nothing. A command with a text-field meaning (copy, undo…) that arrives from the native menu
 * while a field has the focus is that field's edit instead. A failure is shown as a notice.
 */
export async function executeCommand(
  id: string,
  ctx: CommandContext,
  source: CommandSource,
  value?: unknown,
): Promise<boolean> {
  if (!isCommandId(id)) return false;
  const command = COMMANDS[id];
  // The keyboard never sends text-field edits here: the field gets the key itself (see useKeyboard).
  if (command.textEdit && source === 'menu' && ctx.editingText()) {
    ctx.platform.native?.nativeEdit(command.textEdit);
    return true;
  }
  const state = ctx.store.getState();
  if (command.enabled && !command.enabled(state)) return false;
  try {
    const result = command.perform(state, ctx, value);
    if (result instanceof Promise) await result;
    else if (result) applyPatch(ctx, result);
    return true;
  } catch (error) {
    ctx.store.getState().notify('error', { text: error instanceof Error ? error.message : String(error) });
    return false;
  }
}

function applyPatch(ctx: CommandContext, patch: Patch): void {
  const s = ctx.store.getState();
  if (patch.doc && patch.doc !== s.doc) s.change(() => patch.doc as NonNullable<Patch['doc']>);
  if (patch.selection) s.select([...patch.selection]);
}
