import { useReactFlow } from '@xyflow/react';
import { useT } from '../i18n/useT.ts';
import { PALETTE_KINDS } from '../model/document.ts';
import { DRAG_MIME } from './Canvas.tsx';
import type { FlowNode } from './flowModel.ts';
import { addByClick } from './viewport.ts';

/** Every node kind, to drag onto the canvas (or click, which puts it in free space in the view). */
export function Palette() {
  const t = useT();
  const flow = useReactFlow<FlowNode>();
  return (
    <aside className="palette" aria-label={t('palette')}>
      <h2>{t('palette')}</h2>
      <p className="hint">{t('paletteHint')}</p>
      {[...PALETTE_KINDS, 'region' as const].map((kind) => (
        <button
          key={kind}
          type="button"
          className={`palette-item kind-${kind}`}
          draggable
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_MIME, kind);
            e.dataTransfer.effectAllowed = 'copy';
          }}
          onClick={() => addByClick(kind, flow)}
        >
          {t(`kind.${kind}`)}
        </button>
      ))}
    </aside>
  );
}
