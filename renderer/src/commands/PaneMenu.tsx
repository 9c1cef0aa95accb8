import { useReactFlow } from '@xyflow/react';
import { useT } from '../i18n/useT.ts';
import { PALETTE_KINDS } from '../model/document.ts';
import { CommandMenu, type MenuEntry } from './CommandMenu.tsx';

/**
 * The canvas's context menu, on empty space: add a node of any kind where the pointer is, paste there,
 * select all, fit the view, auto layout. Every item is a command, run through the dispatcher.
 */
export function PaneMenu({ x, y, onClose }: { x: number; y: number; onClose: () => void }) {
  const t = useT();
  const { screenToFlowPosition } = useReactFlow();
  const at = screenToFlowPosition({ x, y });
  const entries: MenuEntry[] = [
    { heading: t('cmd.edit.addNode') },
    ...[...PALETTE_KINDS, 'region' as const].map((kind) => ({
      id: 'edit.addNode' as const,
      value: { kind, at },
      label: t(`kind.${kind}`),
    })),
    '-',
    { id: 'edit.paste', value: { at } },
    { id: 'edit.selectAll' },
    { id: 'view.fit' },
    { id: 'edit.autoLayout' },
  ];
  return (
    <CommandMenu
      entries={entries}
      label={t('canvas.paneMenu')}
      source="context"
      onClose={onClose}
      position={{ x, y }}
    />
  );
}
