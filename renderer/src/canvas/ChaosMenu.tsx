import { useEffect, useRef } from 'react';
import type { ScenarioEventInput } from '../../../sim-core/api.ts';
import { useT } from '../i18n/useT.ts';
import type { DocNode } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { REGION_PREFIX } from './flowModel.ts';

export type MenuTarget = { kind: 'node' | 'edge'; id: string; x: number; y: number };

const CHAOS_SEC = 30;

/** Right-click menu of live failures for a node, region or edge. */
export function ChaosMenu({
  target,
  onClose,
  onInject,
}: {
  target: MenuTarget;
  onClose: () => void;
  onInject: (event: ScenarioEventInput) => void;
}) {
  const t = useT();
  const doc = useStore((s) => s.doc);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const items: { label: string; event: ScenarioEventInput }[] = [];
  if (target.kind === 'edge') {
    items.push({
      label: t('addLatency', { ms: 100 }),
      event: { type: 'injectLatency', target: target.id, addMs: 100, durationSec: CHAOS_SEC },
    });
    items.push({
      label: t('injectErrors', { percent: 50 }),
      event: { type: 'injectErrors', target: target.id, rate: 0.5, durationSec: CHAOS_SEC },
    });
  } else if (target.id.startsWith(REGION_PREFIX)) {
    const region = target.id.slice(REGION_PREFIX.length);
    items.push({ label: t('killRegion'), event: { type: 'killRegion', region, durationSec: CHAOS_SEC } });
    for (const other of doc.regions ?? []) {
      if (other.id !== region)
        items.push({
          label: t('partition', { region: other.id }),
          event: { type: 'partition', regionA: region, regionB: other.id, durationSec: CHAOS_SEC },
        });
    }
  } else {
    const node = doc.nodes.find((n) => n.id === target.id);
    const kind = node?.kind;
    if (kind === 'service' || kind === 'database') {
      // Say how the half rounds (3 replicas: 2 die), as the engine counts it.
      const replicas = instancesOf(node);
      items.push({
        label: t('killInstancesOf', { percent: 50, count: Math.round(0.5 * replicas), replicas }),
        event: { type: 'killInstances', target: target.id, fraction: 0.5 },
      });
      items.push({ label: t('restoreInstances'), event: { type: 'restoreInstances', target: target.id } });
    }
    if (kind === 'client') {
      for (const factor of [2, 5, 10]) {
        items.push({
          label: t('flood', { factor }),
          event: { type: 'trafficMultiplier', target: target.id, factor, durationSec: CHAOS_SEC },
        });
      }
    }
    if (kind === 'cache')
      items.push({ label: t('flushCache'), event: { type: 'cacheFlush', target: target.id } });
    if (kind && kind !== 'client') {
      items.push({
        label: t('addLatency', { ms: 100 }),
        event: { type: 'injectLatency', target: target.id, addMs: 100, durationSec: CHAOS_SEC },
      });
      items.push({
        label: t('injectErrors', { percent: 50 }),
        event: { type: 'injectErrors', target: target.id, rate: 0.5, durationSec: CHAOS_SEC },
      });
    }
  }
  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={t('chaos')}
      style={{ left: target.x, top: target.y }}
    >
      <div className="context-menu-title">{t('chaos')}</div>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          onClick={() => {
            onInject(item.event);
            onClose();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}

/** The instances a service or database is configured with (the engine kills a fraction of those alive). */
function instancesOf(node: DocNode | undefined): number {
  if (node?.kind === 'service') return node.params.replicas ?? 1;
  if (node?.kind === 'database') return (node.params.shards ?? 1) * (node.params.replicasPerShard ?? 1);
  return 1;
}
