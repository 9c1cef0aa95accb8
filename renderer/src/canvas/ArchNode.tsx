import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../i18n/useT.ts';
import type { ArchFlowNode } from './flowModel.ts';
import { compact, heat, ms } from './heat.ts';
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

/** Live instances (a time average over the window): whole numbers when they are whole. */
function upCount(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** A node on the canvas: its kind, label, live heat fill and metric badges. */
export const ArchNode = memo(function ArchNode({ id, data, selected }: NodeProps<ArchFlowNode>) {
  const t = useT();
  const live = useLiveNode(id);
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
      <div className="arch-node-title">
        <span className="arch-node-icon" aria-hidden>
          {MARKS[data.kind]}
        </span>
        <span className="arch-node-label">{data.label}</span>
      </div>
      <div className="arch-node-kind">{t(`kind.${data.kind}`)}</div>
      {live && (
        <div className="arch-node-badges">
          <span title="requests per second">{compact(live.throughputRps)} rps</span>
          {live.latencyMs.p99 !== null && <span title="p99 latency">p99 {ms(live.latencyMs.p99)}</span>}
          {errors > 0 && (
            <span className="badge-error" title="errors">
              {(errorRatio * 100).toFixed(errorRatio < 0.1 ? 1 : 0)}% err
            </span>
          )}
          {live.queueLengthMean !== null && live.queueLengthMean >= 0.5 && (
            <span title="mean queue length">q {compact(live.queueLengthMean)}</span>
          )}
          {live.hitRatio !== null && <span title="hit ratio">hit {(live.hitRatio * 100).toFixed(0)}%</span>}
          {live.queueDepthMean !== null && (
            <span title="queue depth">depth {compact(live.queueDepthMean)}</span>
          )}
          {live.instancesLive !== null &&
            data.replicas !== undefined &&
            live.instancesLive < data.replicas - 0.01 && (
              <span className="badge-error" title="live instances">
                {upCount(live.instancesLive)}/{data.replicas} up
              </span>
            )}
        </div>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
