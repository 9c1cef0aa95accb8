import { type NodeProps, NodeResizer, useStore as useFlowStore } from '@xyflow/react';
import { memo } from 'react';
import { RenameField } from '../commands/RenameField.tsx';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { selectCompact } from './ArchNode.tsx';
import type { RegionFlowNode } from './flowModel.ts';

/** A region: a box that groups the nodes inside it; it can fail and be partitioned. */
export const RegionNode = memo(function RegionNode({ id, data, selected }: NodeProps<RegionFlowNode>) {
  const t = useT();
  const zoomedOut = useFlowStore(selectCompact);
  const renaming = useStore((s) => s.renaming === id);
  // A resize is one gesture: one undo step, or none if it ends at the size it began with.
  const history = useStore.getState;
  const classes = ['region-node', data.down ? 'down' : '', zoomedOut ? 'compact' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} data-testid={`region-${data.regionId}`}>
      <NodeResizer
        isVisible={selected}
        minWidth={160}
        minHeight={120}
        onResizeStart={() => history().beginGesture()}
        onResizeEnd={() => history().endGesture()}
      />
      <div className="region-title">
        {zoomedOut ? '' : `${t('kind.region')}: `}
        {renaming ? <RenameField id={id} name={data.label} /> : data.label}
        {data.down ? ' ✕' : ''}
      </div>
    </div>
  );
});
