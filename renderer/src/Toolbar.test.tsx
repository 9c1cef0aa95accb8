// @vitest-environment happy-dom
import { ReactFlowProvider } from '@xyflow/react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CanvasControls } from './commands/CanvasControls.tsx';
import { Commands } from './commands/Commands.tsx';
import type { CommandId } from './commands/registry.ts';
import { RunBar } from './run/RunBar.tsx';
import { TOOLBAR, Toolbar } from './Toolbar.tsx';
import { commandHarness, everythingApplies, spyOnPerforms } from './testing/harness.ts';

/** The toolbar, the run bar and the canvas controls: each button runs its command exactly once. */

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;
let performs: ReturnType<typeof spyOnPerforms>;

function mount() {
  const { store, platform, runner } = commandHarness();
  everythingApplies(store);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root.render(
      <ReactFlowProvider>
        <Commands platform={platform} runner={runner}>
          <Toolbar />
          <RunBar />
          <CanvasControls />
        </Commands>
      </ReactFlowProvider>,
    ),
  );
  return { store };
}

const buttons = () => Array.from(container.querySelectorAll<HTMLButtonElement>('button[data-command]'));

beforeEach(() => {
  performs = spyOnPerforms();
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  performs.restore();
});

describe('toolbar, run bar and canvas controls', () => {
  it('run each button’s command exactly once per click', () => {
    mount();
    const clicked: string[] = [];
    for (const button of buttons()) {
      const id = button.dataset.command as CommandId;
      performs.reset();
      act(() => button.click());
      expect(performs.ran(), id).toEqual({ [id]: 1 });
      clicked.push(id);
    }
    expect(clicked.sort()).toEqual(
      [
        ...TOOLBAR.file,
        ...TOOLBAR.edit,
        ...TOOLBAR.results,
        'sim.runPause',
        'sim.step',
        'sim.reset',
        'sim.budgets',
        'view.zoomIn',
        'view.zoomOut',
        'view.fit',
        'view.toggleMinimap',
        'view.lockCanvas',
      ].sort(),
    );
  });

  it('run each Export menu item’s command exactly once, and close the menu', () => {
    mount();
    const exportButton = Array.from(container.querySelectorAll('button')).find((b) =>
      b.textContent?.startsWith('Export'),
    );
    for (const id of TOOLBAR.exports) {
      act(() => exportButton?.click());
      const item = container.querySelector<HTMLButtonElement>(`[role="menu"] [data-command="${id}"]`);
      expect(item, id).not.toBeNull();
      performs.reset();
      act(() => item?.click());
      expect(performs.ran(), id).toEqual({ [id]: 1 });
      expect(container.querySelector('[role="menu"]')).toBeNull();
    }
  });

  it('show the shortcut in every tooltip that has one, and the toggles’ state', () => {
    const { store } = mount();
    const byId = (id: string) => container.querySelector<HTMLButtonElement>(`[data-command="${id}"]`);
    expect(byId('file.open')?.title).toBe('Open (Ctrl+O)');
    expect(byId('edit.redo')?.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+Z Control+Y');
    expect(byId('sim.runPause')?.title).toBe('Run the simulation (F5)');
    expect(byId('view.fit')?.title).toBe('Zoom so that the whole diagram fits the canvas (Shift+1)');
    expect(byId('sim.pin')?.getAttribute('aria-pressed')).toBe('false');
    act(() => store.getState().pin('now'));
    expect(byId('sim.pin')?.getAttribute('aria-pressed')).toBe('true');
    // One label whatever the state: pinning does not change the button's text.
    expect(byId('sim.pin')?.textContent).toBe('Pin Run');
    act(() => store.getState().setLocale('zh-CN'));
    expect(byId('file.open')?.textContent).toBe('打开');
    expect(byId('file.open')?.title).toBe('打开 (Ctrl+O)');
  });
});
