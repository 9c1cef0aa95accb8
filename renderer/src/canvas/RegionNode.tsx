import { type NodeProps, NodeResizer } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../i18n/useT.ts';
import type { RegionFlowNode } from './flowModel.ts';

/** A region: a box that groups the nodes inside it; it can fail and be partitioned. */
export const RegionNode = memo(function RegionNode({ data, selected }: NodeProps<RegionFlowNode>) {
  const t = useT();
  return (
    <div className={`region-node${data.down ? ' down' : ''}`} data-testid={`region-${data.regionId}`}>
      <NodeResizer isVisible={selected} minWidth={160} minHeight={120} />
      <div className="region-title">
        {t('kind.region')}: {data.label}
        {data.down ? ' ✕' : ''}
      </div>
    </div>
  );
});
