import {
  BaseEdge,
  EdgeLabelRenderer,
  type EdgeProps,
  getBezierPath,
  useStore as useFlowStore,
} from '@xyflow/react';
import { memo } from 'react';
import { useNumbers, useT } from '../i18n/useT.ts';
import { selectCompact } from './ArchNode.tsx';
import type { TrafficFlowEdge } from './flowModel.ts';
import { errorColor } from './heat.ts';
import { useLiveEdge } from './useLive.ts';

/** An edge whose width follows its request rate, colour its error ratio, and that shows retries. */
export const TrafficEdge = memo(function TrafficEdge(props: EdgeProps<TrafficFlowEdge>) {
  const {
    id,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    selected,
    markerEnd,
    data,
  } = props;
  const t = useT();
  const n = useNumbers();
  const live = useLiveEdge(id);
  const zoomedOut = useFlowStore(selectCompact);
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const rps = live?.throughputRps ?? 0;
  const calls = live ? live.arrivals : 0;
  const errorRatio = live && calls > 0 ? live.errors.total / calls : 0;
  const width = live ? 1.5 + Math.min(10, Math.log10(1 + rps) * 2) : 1.5;
  const amplification = live?.retryAmplification ?? null;
  const stroke = selected ? '#1565c0' : data?.tail ? '#8e24aa' : errorColor(Math.min(1, errorRatio * 2));
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={rps > 0 ? 'traffic-edge flowing' : 'traffic-edge'}
        style={{ stroke, strokeWidth: data?.tail ? width + 3 : width }}
      />
      {live && (rps > 0 || amplification !== null) && (
        <EdgeLabelRenderer>
          <div
            className={zoomedOut ? 'edge-label compact nodrag nopan' : 'edge-label nodrag nopan'}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px,${labelY}px)` }}
            data-testid={`edge-label-${id}`}
          >
            {n.count(rps)} rps
            {amplification !== null && amplification > 1.005 && (
              <span className="badge-error" title={t('badge.attempts')}>
                {' '}
                ×{amplification.toFixed(2)}
              </span>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
