import path from 'node:path';
import { z } from 'zod';
import {
  COMMAND_ID,
  NATIVE_EDITS,
  type NativeMenuItem,
  type NativeMenuModel,
  SHELL_ITEMS,
  SHELL_LABELS,
  type ShellLabel,
} from './contract.ts';
import { isAppUrl } from './navigation.ts';

/**
 * The boundary between the renderer and the main process (after VS Code's ValidatedIpcMain): every
 * `ipcMain.handle` goes through `validatedHandle`, which refuses a call from anything but the app's own
 * main frame, and parses the arguments with a schema, before the handler touches a dialog or a file.
 */

/** The largest document, draft or single text the renderer may send, in UTF-8 bytes. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** The largest CSV export (all files together), in UTF-8 bytes. */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;
const MAX_PATH_CHARS = 4096;

/** A text at most `maxBytes` long in UTF-8 (the length check first, so a huge string is refused cheaply). */
const boundedText = (maxBytes: number) =>
  z
    .string()
    .max(maxBytes)
    .refine((s) => Buffer.byteLength(s, 'utf8') <= maxBytes, `must be at most ${maxBytes / 1024 / 1024} MB`);

/** A plain file name: no folder part, not `.`/`..`, no NUL. */
export const fileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..', 'must be a plain file name');

/** An absolute path without NUL. */
export const absolutePathSchema = z
  .string()
  .min(1)
  .max(MAX_PATH_CHARS)
  .refine((s) => !s.includes('\0'), 'must not contain NUL')
  .refine((s) => path.isAbsolute(s), 'must be an absolute path');

/** A document's path: absolute and a `.json` file (`.archsim.json` in practice). */
export const documentPathSchema = absolutePathSchema.refine(
  (s) => s.toLowerCase().endsWith('.json'),
  'must be a .json file',
);

export const documentTextSchema = boundedText(MAX_DOCUMENT_BYTES);

export const saveRequestSchema = z.strictObject({
  path: documentPathSchema.nullable(),
  name: fileNameSchema,
  text: documentTextSchema,
  saveAs: z.boolean(),
});

export const exportFilesSchema = z
  .array(
    z.strictObject({
      name: z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}\.csv$/, 'must be a plain .csv file name'),
      text: boundedText(MAX_EXPORT_BYTES),
    }),
  )
  .min(1)
  .max(8)
  .refine((files) => new Set(files.map((f) => f.name)).size === files.length, 'file names must differ')
  .refine(
    (files) => files.reduce((sum, f) => sum + Buffer.byteLength(f.text, 'utf8'), 0) <= MAX_EXPORT_BYTES,
    `must be at most ${MAX_EXPORT_BYTES / 1024 / 1024} MB together`,
  );

export const titleStateSchema = z.strictObject({ fileName: fileNameSchema.nullable(), dirty: z.boolean() });
export const draftKeySchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a plain key');
export const nativeEditSchema = z.enum(NATIVE_EDITS);

/** A menu label: one line, not empty, not huge. */
const menuLabel = z
  .string()
  .min(1)
  .max(120)
  .refine((s) => !/[\n\r\0]/.test(s), 'must be one line');
/** An Electron accelerator from the registry's shortcuts ('CmdOrCtrl+Shift+S', 'F5', 'Plus'). */
const acceleratorSchema = z
  .string()
  .regex(/^(?:(?:CmdOrCtrl|Alt|Shift)\+){0,3}(?:[A-Z0-9=-]|Plus|F\d{1,2}|Escape|Delete|Backspace)$/);
/** How deep menus nest (File ▸ Export ▸ … is 2), and how many items one menu model may hold at most. */
const MAX_MENU_DEPTH = 3;
const MAX_MENU_ITEMS = 400;

const menuItemSchema: z.ZodType<NativeMenuItem> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('command'),
      id: z.string().max(64).regex(COMMAND_ID),
      label: menuLabel,
      accelerator: acceleratorSchema.optional(),
      enabled: z.boolean(),
      checked: z.boolean().optional(),
      radio: z.boolean().optional(),
    }),
    z.strictObject({ type: z.literal('separator') }),
    z.strictObject({ type: z.literal('submenu'), label: menuLabel, items: z.array(menuItemSchema).max(100) }),
    z.strictObject({ type: z.literal('shell'), item: z.enum(SHELL_ITEMS) }),
  ]),
);

/**
 * How deeply the menus nest (0: menus without items, 1: no submenus) and how many items they hold,
 * counted before parsing, so a malformed model cannot make the recursive schema recurse without end.
 */
function menuShape(items: unknown, depth = 0): { depth: number; count: number } {
  if (!Array.isArray(items) || depth > MAX_MENU_DEPTH) return { depth, count: 0 };
  let deepest = depth;
  let count = items.length;
  for (const item of items) {
    const inner = (item as { items?: unknown } | null)?.items;
    if (inner === undefined) continue;
    const shape = menuShape(inner, depth + 1);
    deepest = Math.max(deepest, shape.depth);
    count += shape.count;
  }
  return { depth: deepest, count };
}

const menuModelShape = z.strictObject({
  menus: z
    .array(
      z.strictObject({
        label: menuLabel,
        help: z.boolean().optional(),
        items: z.array(menuItemSchema).max(100),
      }),
    )
    .min(1)
    .max(10),
  shellLabels: z.strictObject(
    Object.fromEntries(SHELL_LABELS.map((key) => [key, menuLabel])) as Record<ShellLabel, typeof menuLabel>,
  ),
  locale: z.enum(['en', 'zh-CN']),
});

export const menuModelSchema: z.ZodType<NativeMenuModel> = z
  .unknown()
  .refine((value) => {
    const shape = menuShape((value as { menus?: unknown } | null)?.menus);
    return shape.depth <= MAX_MENU_DEPTH && shape.count <= MAX_MENU_ITEMS;
  }, `must nest at most ${MAX_MENU_DEPTH} levels and hold at most ${MAX_MENU_ITEMS} items`)
  .pipe(menuModelShape);

/** The bits of Electron's IpcMainInvokeEvent the check reads. */
export interface SenderEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
}

/** A call from the app's own page in its main frame: `app://bundle/…`, not an iframe, frame still alive. */
export function isTrustedSender(event: SenderEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}

/** Thrown back to the renderer (the invoke rejects) when a call is refused. */
export class IpcRefusedError extends Error {
  override name = 'IpcRefusedError';
}

/**
 * Registers `handler` for `channel`; each call is checked first: the sender (see `isTrustedSender`),
 * then the arguments against `schema` (a tuple: one schema per argument). A refused call rejects with
 * `IpcRefusedError` saying why, and the handler never runs.
 */
export function validatedHandle<S extends z.ZodTuple, R>(
  ipc: IpcMainLike,
  channel: string,
  schema: S,
  handler: (args: z.infer<S>, event: SenderEvent) => R | Promise<R>,
  log: (message: string) => void = console.warn,
): void {
  ipc.handle(channel, async (event, ...args) => {
    if (!isTrustedSender(event)) {
      const message = `IPC ${channel} refused: not from the app's main frame (${event.senderFrame?.url ?? 'no frame'}).`;
      log(message);
      throw new IpcRefusedError(message);
    }
    const parsed = schema.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message = `IPC ${channel} refused: argument ${issue?.path.join('.') || ''} ${issue?.message ?? 'is invalid'}.`;
      log(message);
      throw new IpcRefusedError(message);
    }
    return handler(parsed.data, event);
  });
}
