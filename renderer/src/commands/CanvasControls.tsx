import { ControlButton, Controls } from '@xyflow/react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';
import { useRunCommand } from './Commands.tsx';
import type { CommandId } from './registry.ts';
import { useCommandState } from './useCommandState.ts';

/**
 * The canvas's zoom, fit, minimap and lock buttons: React Flow's control bar with the registry's commands in it,
 * so each has its name in the UI's language, a tooltip with its shortcut, and the lock explains itself.
 */
export function CanvasControls() {
  const t = useT();
  return (
    <Controls
      orientation="horizontal"
      showZoom={false}
      showFitView={false}
      showInteractive={false}
      aria-label={t('canvas.controls')}
    >
      <Control id="view.zoomIn">
        <path d="M8 3v10M3 8h10" />
      </Control>
      <Control id="view.zoomOut">
        <path d="M3 8h10" />
      </Control>
      <Control id="view.fit">
        <path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" />
      </Control>
      <Control id="view.toggleMinimap">
        <rect x="2" y="3" width="12" height="10" rx="1" />
        <rect x="8" y="8" width="4" height="3" />
      </Control>
      <LockControl />
    </Controls>
  );
}

function Control({ id, children }: { id: CommandId; children: ReactNode }) {
  const run = useRunCommand();
  const { label, title, keyShortcuts, enabled, checked } = useCommandState(id);
  return (
    <ControlButton
      onClick={() => void run(id, 'canvas')}
      aria-label={label}
      aria-keyshortcuts={keyShortcuts}
      aria-pressed={checked}
      title={title}
      disabled={!enabled}
      data-command={id}
    >
      <svg viewBox="0 0 16 16" className="control-icon" aria-hidden="true">
        {children}
      </svg>
    </ControlButton>
  );
}

/** Locked: a closed padlock (pressed); unlocked: an open one. */
function LockControl() {
  const { checked } = useCommandState('view.lockCanvas');
  return (
    <Control id="view.lockCanvas">
      <rect x="3.5" y="7.5" width="9" height="6.5" rx="1" />
      <path d={checked ? 'M5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5' : 'M5.5 7.5V5a2.5 2.5 0 0 1 5 0'} />
    </Control>
  );
}
