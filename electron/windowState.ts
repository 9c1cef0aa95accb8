import { z } from 'zod';

/**
 * The desktop window comes back where the user left it: its size, position and whether it was
 * maximized, kept in `window-state.json` in the user-data folder. Plain logic, unit-tested: parsing the
 * file, placing the window on the screens there are now, and deciding when to write. `window.ts` and
 * `main.ts` only hand it Electron's window and screen.
 */

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

/** Where the window opens: a size, and a position unless it is to be centred on the primary screen. */
export interface Placement {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

/** A first start, or a file that cannot be read. */
export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;
/** The smallest window the editor is laid out for. */
export const MIN_SIZE = { width: 960, height: 600 } as const;

const FILE_VERSION = 1;
const coordinate = z.number().int().min(-1_000_000).max(1_000_000);
const length = z.number().int().min(1).max(1_000_000);
const fileSchema = z.object({
  version: z.literal(FILE_VERSION),
  bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }),
  maximized: z.boolean(),
});

/** The state saved in `text`, or null when there is none or it is not one we wrote (then: defaults). */
export function parseWindowState(text: string | null): WindowState | null {
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = fileSchema.safeParse(json);
  return parsed.success ? { bounds: parsed.data.bounds, maximized: parsed.data.maximized } : null;
}

export function serializeWindowState(state: WindowState): string {
  return `${JSON.stringify({ version: FILE_VERSION, ...state })}\n`;
}

const overlap = (a: Bounds, b: Bounds) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/** A size that fits in `area`, and is no smaller than the minimum unless the screen itself is. */
function fitSize(size: { width: number; height: number }, area: Bounds) {
  return {
    width: clamp(size.width, Math.min(MIN_SIZE.width, area.width), area.width),
    height: clamp(size.height, Math.min(MIN_SIZE.height, area.height), area.height),
  };
}

/**
 * Where to open the window, given what was saved and the screens' work areas now (`primary` first
 * among them or not). On the screen it mostly lay on, the saved window is shrunk to fit and moved
 * until it is wholly visible; a window whose screen is gone (unplugged, resolution changed) keeps its
 * size and is centred on the primary screen.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Bounds[],
  primary: Bounds,
): Placement {
  if (saved === null) return { ...fitSize(DEFAULT_SIZE, primary), maximized: false };
  const { bounds, maximized } = saved;
  let best: Bounds | null = null;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const shared = overlap(bounds, area);
    if (shared > bestOverlap) [best, bestOverlap] = [area, shared];
  }
  if (best === null) return { ...fitSize(bounds, primary), maximized };
  const size = fitSize(bounds, best);
  return {
    ...size,
    x: clamp(bounds.x, best.x, best.x + best.width - size.width),
    y: clamp(bounds.y, best.y, best.y + best.height - size.height),
    maximized,
  };
}

/** The part of Electron's BrowserWindow the keeper reads. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  /** The bounds the window has when neither maximized nor minimized nor full screen. */
  getNormalBounds(): Bounds;
  isMaximized(): boolean;
}

export interface KeeperOptions {
  /** Writes the file (atomically). A failure loses only the window's place, so it is not reported. */
  write(text: string): Promise<void>;
  /** How long moves and resizes must settle before a write: a drag is one write, not hundreds. */
  settleMs?: number;
  setTimer?(run: () => void, ms: number): unknown;
  clearTimer?(timer: unknown): void;
}

export interface WindowStateKeeper {
  /** Writes now what is still waiting; resolves once nothing is being written (for the app's quit). */
  flush(): Promise<void>;
  /** Whether a write is waiting or under way. */
  busy(): boolean;
}

/**
 * Saves the window's state after it is moved or resized (once it settles), maximized or restored, and
 * when it is closed. Writes never overlap: one that is asked for during another follows it.
 */
export function keepWindowState(win: TrackedWindow, options: KeeperOptions): WindowStateKeeper {
  const settleMs = options.settleMs ?? 500;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let writing: Promise<void> = Promise.resolve();
  let inFlight = 0;
  let lastWritten: string | null = null;

  const writeNow = (): Promise<void> => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    const text = serializeWindowState({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    if (text === lastWritten) return writing;
    lastWritten = text;
    inFlight += 1;
    writing = writing
      .then(() => options.write(text))
      .catch(() => {
        lastWritten = null;
      })
      .finally(() => {
        inFlight -= 1;
      });
    return writing;
  };
  const later = () => {
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => void writeNow(), settleMs);
  };

  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', () => void writeNow());
  win.on('unmaximize', () => void writeNow());
  win.on('close', () => void writeNow());
  return {
    flush: () => (timer !== null ? writeNow() : writing),
    busy: () => timer !== null || inFlight > 0,
  };
}
