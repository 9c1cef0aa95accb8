import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';
import { useStore } from '../store/store.ts';

/** What `mountPerTest` gives a test: the container of this test's root, and a way to draw into it. */
export interface Mounted {
  readonly container: HTMLElement;
  /** Renders `node` into the root, inside `act`, so effects have run when it returns. */
  render(node: ReactNode): void;
}

/**
 * For component tests under happy-dom: before each test the app's store reset and a React root in a
 * fresh container; after it, the root unmounted and the container removed. Call once per test file.
 */
export function mountPerTest(): Mounted {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  let root: Root | null = null;
  let container: HTMLElement | null = null;
  beforeEach(() => {
    useStore.setState(useStore.getInitialState(), true);
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    const done = root;
    act(() => done?.unmount());
    container?.remove();
    root = null;
    container = null;
  });
  return {
    get container() {
      if (!container) throw new Error('mountPerTest: the container exists only during a test');
      return container;
    },
    render(node) {
      const into = root;
      if (!into) throw new Error('mountPerTest: render is for use inside a test');
      act(() => into.render(node));
    },
  };
}
