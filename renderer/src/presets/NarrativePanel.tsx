import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FlowNode } from '../canvas/flowModel.ts';
import { fitSoon } from '../canvas/viewport.ts';
import { useT } from '../i18n/useT.ts';
import { textOf } from '../model/document.ts';
import type { Platform } from '../platform/Platform.ts';
import type { Runner } from '../run/runner.ts';
import { useStore } from '../store/store.ts';
import { presetByFile } from './catalog.ts';
import { type ComparePhase, compareBeforeAfter } from './compareBeforeAfter.ts';
import { useUnsavedGuard } from './useUnsavedGuard.tsx';

const selectNarrative = (s: ReturnType<typeof useStore.getState>) => ({
  narrative: textOf(s.doc.narrative, s.locale),
  pair: s.doc.pair,
});

/**
 * What to watch in a preset (its narrative, in the UI language), collapsible, under the run bar; for a
 * preset with a before/after partner, the button that runs both and compares them.
 */
export function NarrativePanel({ platform, runner }: { platform: Platform; runner: Runner }) {
  const t = useT();
  const { narrative, pair } = useStore(useShallow(selectNarrative));
  const [expanded, setExpanded] = useState(true);
  const [phase, setPhase] = useState<ComparePhase | null>(null);
  const [guard, question] = useUnsavedGuard(platform);
  const flow = useReactFlow<FlowNode>();
  // Always a slot in the app's grid, empty without a narrative.
  if (!narrative && !pair) return <div className="narrative-slot">{question}</div>;

  const partner = pair ? presetByFile(pair.with) : undefined;
  const compare = () => {
    if (!pair) return;
    if (!partner) {
      useStore.getState().notify('error', { key: 'compare.missing', vars: { file: pair.with } });
      return;
    }
    // This side as bundled when it is (the compare runs the presets), else this document as it is.
    const doc = useStore.getState().doc;
    const mine = presetByFile(partner.doc.pair?.with ?? '') ?? { file: '', doc, stage: null };
    const sides =
      pair.side === 'before' ? { before: mine, after: partner } : { before: partner, after: mine };
    const label = `${t('gallery.pair.before')}: ${textOf(sides.before.doc.name, useStore.getState().locale)}`;
    guard(() => {
      void compareBeforeAfter(useStore, runner, sides, label, setPhase).then((finished) => {
        setPhase(null);
        if (!finished) useStore.getState().notify('error', { key: 'compare.failed' });
      });
    });
  };

  return (
    <section
      className={`narrative-slot narrative${expanded ? '' : ' collapsed'}`}
      aria-label={t('narrative.title')}
    >
      <div className="narrative-header">
        <button
          type="button"
          className="narrative-toggle"
          aria-expanded={expanded}
          aria-controls="narrative-text"
          onClick={() => {
            setExpanded((e) => !e);
            // The canvas changes height: frame the system again.
            fitSoon(flow);
          }}
        >
          <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {t('narrative.title')}
        </button>
        {pair && (
          <button type="button" onClick={compare} disabled={phase !== null}>
            {t('compare.button')}
          </button>
        )}
        {phase && (
          <output className="compare-progress" aria-live="polite">
            {phase === 'before' ? t('compare.runningBefore') : t('compare.runningAfter')}
          </output>
        )}
      </div>
      {expanded && narrative && (
        <p className="narrative-text" id="narrative-text">
          {narrative}
        </p>
      )}
      {question}
    </section>
  );
}
