import { useReactFlow } from '@xyflow/react';
import { useT } from '../i18n/useT.ts';
import { PALETTE_KINDS } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { DRAG_MIME } from './Canvas.tsx';
import { addNodeOfKind } from './edits.ts';
import { REGION_PREFIX } from './flowModel.ts';

/** Every node kind, to drag onto the canvas (or click, which drops it in the middle of the view). */
export function Palette() {
  const t = useT();
  const { screenToFlowPosition } = useReactFlow();
  const add = (kind: string) => {
    const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
    const at = canvas
      ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
      : { x: 0, y: 0 };
    const s = useStore.getState();
    // Step aside from nodes already there, so that clicking several kinds does not stack them.
    let x = Math.round(at.x / 20) * 20 - 80;
    let y = Math.round(at.y / 20) * 20 - 40;
    while (
      s.doc.nodes.some(
        (n) => n.position && Math.abs(n.position.x - x) < 200 && Math.abs(n.position.y - y) < 100,
      )
    ) {
      x += 220;
      if (x > at.x + 600) {
        x = Math.round(at.x / 20) * 20 - 520;
        y += 140;
      }
    }
    let id = '';
    s.change((d) => {
      const result = addNodeOfKind(d, kind, { x, y });
      id = result.id;
      return result.doc;
    });
    if (id) s.select([kind === 'region' ? REGION_PREFIX + id : id]);
  };
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
          onClick={() => add(kind)}
        >
          {t(`kind.${kind}`)}
        </button>
      ))}
    </aside>
  );
}
