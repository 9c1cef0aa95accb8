/**
 * Commands that a mounted component performs because it holds what they need (the charts panel
 * exports its own charts). A command whose component is not mounted says so instead.
 */

const handlers = new Map<string, () => unknown>();

/** Lets a component perform command `id` while mounted; returns the function that unregisters it. */
export function provideCommand(id: string, handler: () => unknown): () => void {
  handlers.set(id, handler);
  return () => {
    if (handlers.get(id) === handler) handlers.delete(id);
  };
}

export function providedCommand(id: string): (() => unknown) | undefined {
  return handlers.get(id);
}
