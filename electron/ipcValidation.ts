import path from 'node:path';
import { z } from 'zod';
import { NATIVE_EDITS } from './contract.ts';
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
