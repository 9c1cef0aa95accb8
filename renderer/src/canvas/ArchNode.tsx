import {
  Handle,
  type NodeProps,
  Position,
  type ReactFlowState,
  useStore as useFlowStore,
} from '@xyflow/react';
import { memo } from 'react';
import { formatMessage } from '../../../sim-core/messages/formatMessage.ts';
import type { Message } from '../../../sim-core/messages/Message.ts';
import { entryOf } from '../../../sim-core/results/entryOf.ts';
import { modelNodeMeanMs, msPairText } from '../analysis/modelMean.ts';
import { RenameField } from '../commands/RenameField.tsx';
import { useNumbers, useT } from '../i18n/useT.ts';
import { changedSince, useStale, useWindowSec } from '../run/stale.ts';
import { useStore } from '../store/store.ts';
import type { ArchFlowNode } from './flowModel.ts';
import { heat, heatInk } from './heat.ts';
import { invalidNodeIds } from './invalidNodes.ts';
import { useLiveNode } from './useLive.ts';

/** Two-letter marks instead of emoji: they render the same with every font. */
const MARKS: Record<string, string> = {
  client: 'CL',
  loadBalancer: 'LB',
  service: 'SV',
  pool: 'PL',
  cache: 'CA',
  queue: 'MQ',
  database: 'DB',
};

/**
 * Below this zoom a node's 11–13 px text would render at 7 px or less: nodes switch to their compact
 * face, the name and one key figure in large type.
 */
export const COMPACT_ZOOM = 0.7;
export const selectCompact = (s: ReactFlowState) => s.transform[2] < COMPACT_ZOOM;

/** Live instances (a time average over the window): whole numbers when they are whole. */
function upCount(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** Why the network has no model mean, for node `id`'s tooltip: its own causes, else the first few. */
function notProductForm(reasons: readonly Message[] | undefined, id: string): readonly Message[] {
  if (!reasons || reasons.length === 0) return [];
  const own = reasons.filter((m) => m.params.id === id);
  return own.length > 0 ? own : reasons.slice(0, 3);
}

/**
 * A node on the canvas: its kind, label, live heat fill (with text in the colour that reads on it) and
 * metric badges; zoomed out, its name and one key figure (the error share when it fails, else p99).
 * Its box has one fixed size whatever it shows, so nothing around it moves when a figure changes.
 */
export const ArchNode = memo(function ArchNode({ id, data, selected }: NodeProps<ArchFlowNode>) {
  const t = useT();
  const n = useNumbers();
  const sec = useWindowSec();
  const stale = useStale();
  const invalid = useStore((s) => invalidNodeIds(s.doc).has(id));
  const live = useLiveNode(id);
  const zoomedOut = useFlowStore(selectCompact);
  const renaming = useStore((s) => s.renaming === id);
  // The engine stopped or refused the run naming this node (a zero-time loop, a queue amplifying itself).
  const problem = useStore((s) => (s.runProblem?.problem.nodes?.includes(id) ? s.runProblem.problem : null));
  const locale = useStore((s) => s.locale);
  // The node Find the limit named as saturating first, while the answer is about this document.
  const bottleneck = useStore(
    (s) => s.limit.result?.bottleneck?.id === id && !changedSince(s.limit.doc, s.doc),
  );
  // Before any run: the analytic estimate's utilization (flow balance), ρ ≥ 1 flagged unstable.
  const estimate = useStore((s) => s.estimate?.nodes[id]);
  const rho = live === undefined ? (estimate?.peakUtilization ?? estimate?.utilization ?? null) : null;
  // Product-form networks: the model's mean latency, beside the run's (after warm-up) once there is one.
  const modelMs = useStore((s) => modelNodeMeanMs(s.estimate, id));
  const simMeanMs = useStore((s) => entryOf(s.summary?.nodes, id)?.latencyMs.mean ?? null);
  const reasons = useStore((s) => s.estimate?.reasons);
  const versus =
    modelMs !== null && simMeanMs !== null ? t('model.versus', msPairText(locale, simMeanMs, modelMs)) : null;
  const utilization = live?.utilization ?? null;
  const errors = live ? live.errors.total : 0;
  const errorRatio = live && live.arrivals > 0 ? errors / live.arrivals : 0;
  const down =
    live !== undefined && live.instancesLive !== null && live.instancesLive < 0.5 && data.kind !== 'client';
  const classes = [
    'arch-node',
    `kind-${data.kind}`,
    selected ? 'selected' : '',
    down ? 'down' : '',
    data.tail ? 'tail' : '',
    bottleneck ? 'bottleneck' : '',
    rho !== null && estimate?.unstable ? 'unstable' : '',
    zoomedOut ? 'compact' : '',
    utilization !== null && heatInk(Math.min(1, utilization)) === 'light' ? 'ink-light' : '',
    invalid ? 'invalid' : '',
    stale ? 'stale' : '',
    problem ? 'run-problem' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      style={{ background: utilization !== null ? heat(Math.min(1, utilization)) : undefined }}
      data-testid={`node-${id}`}
    >
      {data.kind !== 'client' && <Handle type="target" position={Position.Left} />}
      <div className="arch-node-title" title={data.label}>
        <span className="arch-node-icon" aria-hidden>
          {MARKS[data.kind]}
        </span>
        {renaming ? (
          <RenameField id={id} name={data.label} />
        ) : (
          <span className="arch-node-label">{data.label}</span>
        )}
        {invalid && (
          <span
            className="arch-node-invalid"
            role="img"
            aria-label={t('invalid.node')}
            title={t('invalid.node')}
          >
            !
          </span>
        )}
      </div>
      <div className="arch-node-kind">{t(`kind.${data.kind}`)}</div>
      {problem && (
        <div className="arch-node-problem badge-error" title={formatMessage(locale, problem)}>
          {/* A refusal before the run has no time of its own; a stop says when it came (atSec). */}
          {t(problem.params.atSec === undefined ? 'run.problemNodeRefused' : 'run.problemNode')}
        </div>
      )}
      {zoomedOut && live && (
        <div
          className={errorRatio >= 0.01 ? 'arch-node-figure badge-error' : 'arch-node-figure'}
          title={versus ?? undefined}
        >
          {errorRatio >= 0.01
            ? t('badge.errorsText', { percent: n.percent(errorRatio) })
            : live.latencyMs.p99 !== null
              ? `p99 ${n.ms(live.latencyMs.p99)}`
              : `${n.count(live.throughputRps)} rps`}
        </div>
      )}
      {rho !== null && (
        <div className="arch-node-badges">
          <span
            className={estimate?.unstable ? 'badge-error' : 'badge-estimate'}
            title={[
              estimate?.unstable ? t('estimate.unstable') : t('estimate.title'),
              ...(reasons && reasons.length > 0 ? [t('model.none')] : []),
              ...notProductForm(reasons, id).map((m) => formatMessage(locale, m)),
            ].join('\n')}
          >
            {t('estimate.badge', { rho: rho < 10 ? rho.toFixed(2) : n.count(rho) })}
            {estimate?.unstable ? ` ${t('estimate.unstableShort')}` : ''}
          </span>
          {modelMs !== null && !zoomedOut && (
            <span className="badge-estimate" data-testid="model-mean" title={t('model.nodeTitleBefore')}>
              {t('model.badge', { model: n.ms(modelMs) })}
            </span>
          )}
        </div>
      )}
      {!zoomedOut && live && (
        <div className="arch-node-badges">
          <span title={t('badge.rps', { sec })}>{n.count(live.throughputRps)} rps</span>
          {live.latencyMs.p99 !== null && (
            <span title={t('badge.p99', { sec })}>p99 {n.ms(live.latencyMs.p99)}</span>
          )}
          {versus !== null && (
            <span className="badge-model" data-testid="model-mean" title={t('model.nodeTitle')}>
              {versus}
            </span>
          )}
          {errors > 0 && (
            <span className="badge-error" title={t('badge.errors', { sec })}>
              {t('badge.errorsText', { percent: n.percent(errorRatio) })}
            </span>
          )}
          {live.queueLengthMean !== null && live.queueLengthMean >= 0.5 && (
            <span title={t('badge.queue')}>{t('badge.queueText', { n: n.count(live.queueLengthMean) })}</span>
          )}
          {live.hitRatio !== null && (
            <span title={t('badge.hit')}>{t('badge.hitText', { percent: n.percent(live.hitRatio) })}</span>
          )}
          {live.queueDepthMean !== null && (
            <span title={t('badge.depth')}>{t('badge.depthText', { n: n.count(live.queueDepthMean) })}</span>
          )}
          {live.instancesLive !== null &&
            data.replicas !== undefined &&
            live.instancesLive < data.replicas - 0.01 && (
              <span className="badge-error" title={t('badge.up')}>
                {t('badge.upText', { live: upCount(live.instancesLive), replicas: data.replicas })}
              </span>
            )}
        </div>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
