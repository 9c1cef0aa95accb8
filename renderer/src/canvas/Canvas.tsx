import {
  Background,
  type Connection,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  type OnConnectEnd,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppliedEvent } from '../../../sim-core/results/types.ts';
import { CanvasControls } from '../commands/CanvasControls.tsx';
import { useRunCommand } from '../commands/Commands.tsx';
import { PaneMenu } from '../commands/PaneMenu.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/useT.ts';
import { NODE_SIZE } from '../model/autoLayout.ts';
import { connectionProblem } from '../model/connect.ts';
import { useStore } from '../store/store.ts';
import { ArchNode } from './ArchNode.tsx';
import { ariaLabels } from './ariaLabels.ts';
import { ChaosMenu, type MenuTarget } from './ChaosMenu.tsx';
import { addEdge, addNodeOfKind, moveNodes, removeItems, resizeRegion, setNodeRegion } from './edits.ts';
import {
  DEFAULT_REGION_SIZE,
  type FlowNode,
  REGION_PREFIX,
  tailHops,
  toFlowEdges,
  toFlowNodes,
} from './flowModel.ts';
import { heat } from './heat.ts';
import { RegionNode } from './RegionNode.tsx';
import { TrafficEdge } from './TrafficEdge.tsx';
import { fitSoon, OVERLAY_PX } from './viewport.ts';

const nodeTypes = {
  client: ArchNode,
  loadBalancer: ArchNode,
  service: ArchNode,
  pool: ArchNode,
  cache: ArchNode,
  queue: ArchNode,
  database: ArchNode,
  region: RegionNode,
};
const edgeTypes = { traffic: TrafficEdge };
export const DRAG_MIME = 'application/x-archsim-kind';
const GRID: [number, number] = [20, 20];

/**
 * What the canvas draws from the run: the down regions and the tail hops, as sorted strings, so that
 * the 10 result updates a second leave React Flow's nodes untouched unless one of these changes.
 */
const selectCanvas = (s: ReturnType<typeof useStore.getState>) => ({
  doc: s.doc,
  selection: s.selection,
  locale: s.locale,
  // While replaying, only the events up to the replayed window's end.
  downKey: downRegionsKey(
    s.summary?.eventsApplied,
    s.replayIndex === null ? Number.POSITIVE_INFINITY : (s.windows[s.replayIndex]?.endSec ?? 0),
  ),
  tailKey: s.showTail ? [...tailHops(s.summary)].sort().join('\n') : '',
});

function downRegionsKey(events: readonly AppliedEvent[] | undefined, untilSec: number): string {
  const down = new Set<string>();
  for (const e of events ?? []) {
    if (e.atSec >= untilSec) continue;
    if (e.detail.code === 'event.regionDown') down.add(e.target);
    if (e.detail.code === 'event.regionRestored') down.delete(e.target);
  }
  return [...down].sort().join('\n');
}

const split = (key: string) => new Set(key === '' ? [] : key.split('\n'));

/** The editing canvas: React Flow fed from the store; every edit goes back through the store. */
export function Canvas({ onInject }: { onInject: (event: object) => void }) {
  const t = useT();
  const { doc, selection, locale, downKey, tailKey } = useStore(useShallow(selectCanvas));
  const ariaLabelConfig = useMemo(() => ariaLabels(t), [t]);
  const flow = useReactFlow<FlowNode>();
  const { screenToFlowPosition } = flow;
  const loadCount = useStore((s) => s.loadCount);
  const minimapShown = useStore((s) => s.minimapShown);
  // A loaded document (open, preset, recover) is a new picture: frame it once its nodes are measured.
  // Nothing else moves the view by itself: React Flow's own fit-on-start would also fire on the first
  // node dropped on an empty canvas, and shift the view under the pointer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: framing follows loads only, not every render of the flow
  useEffect(() => {
    if (loadCount > 0 || useStore.getState().doc.nodes.length > 0) fitSoon(flow);
  }, [loadCount]);
  const [menu, setMenu] = useState<MenuTarget | null>(null);
  const [paneMenu, setPaneMenu] = useState<{ x: number; y: number } | null>(null);
  const locked = useStore((s) => s.canvasLocked);
  const run = useRunCommand();

  const downRegions = useMemo(() => split(downKey), [downKey]);
  const tail = useMemo(() => split(tailKey), [tailKey]);
  // React Flow measures nodes and reports their sizes as changes; a controlled flow must hand them back
  // (as `measured`), or every document change forgets them and the minimap never draws a node.
  const [sizes, setSizes] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());
  const nodes = useMemo(
    () =>
      toFlowNodes(doc, selection, locale, tail, downRegions).map((n) => {
        const measured = sizes.get(n.id);
        return measured ? { ...n, measured } : n;
      }),
    [doc, selection, locale, tail, downRegions, sizes],
  );
  const edges = useMemo(
    () => toFlowEdges(doc, selection, tail, locale, (from, to) => t('edge.name', { from, to })),
    [doc, selection, tail, locale, t],
  );

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const s = useStore.getState();
    const moves = new Map<string, { x: number; y: number }>();
    const measured = new Map<string, { width: number; height: number }>();
    let selectionChanged = false;
    const nextSelection = new Set(s.selection);
    const removed: string[] = [];
    for (const c of changes) {
      if (c.type === 'position' && c.position) moves.set(c.id, c.position);
      else if (c.type === 'select') {
        selectionChanged = true;
        if (c.selected) nextSelection.add(c.id);
        else nextSelection.delete(c.id);
      } else if (c.type === 'remove') removed.push(c.id);
      else if (c.type === 'dimensions' && c.resizing && c.dimensions && c.id.startsWith(REGION_PREFIX)) {
        s.changeSilently((d) => resizeRegion(d, c.id.slice(REGION_PREFIX.length), c.dimensions!));
      } else if (c.type === 'dimensions' && c.dimensions && !c.id.startsWith(REGION_PREFIX)) {
        measured.set(c.id, c.dimensions);
      }
    }
    if (measured.size > 0) {
      setSizes((before) => {
        const next = new Map(before);
        for (const [id, size] of measured) next.set(id, size);
        return next;
      });
    }
    if (moves.size > 0) s.changeSilently((d) => moveNodes(d, moves));
    if (selectionChanged) s.select([...nextSelection]);
    if (removed.length > 0) s.change((d) => removeItems(d, removed));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const s = useStore.getState();
    const nextSelection = new Set(s.selection);
    let selectionChanged = false;
    const removed: string[] = [];
    for (const c of changes) {
      if (c.type === 'select') {
        selectionChanged = true;
        if (c.selected) nextSelection.add(c.id);
        else nextSelection.delete(c.id);
      } else if (c.type === 'remove') removed.push(c.id);
    }
    if (selectionChanged) s.select([...nextSelection]);
    if (removed.length > 0) s.change((d) => removeItems(d, removed));
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const s = useStore.getState();
    const problem = connectionProblem(s.doc, c.source, c.target);
    if (problem) s.notify('error', { key: problem as MessageKey });
    else s.change((d) => addEdge(d, c.source, c.target));
  }, []);

  // A refused connection never reaches onConnect (isValidConnection blocks it, and clients have no
  // input handle at all), so the reason is found here, from the node the pointer was released over.
  const onConnectEnd: OnConnectEnd = useCallback((event, state) => {
    if (state.isValid === true || state.fromNode === null) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    const over = point
      ? document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node')
      : null;
    const otherId = state.toNode?.id ?? over?.getAttribute('data-id') ?? null;
    if (otherId === null || otherId.startsWith(REGION_PREFIX)) return;
    // Let go over its own node but no handle: a drag given up, not an attempt at a self-call.
    if (otherId === state.fromNode.id && state.toHandle === null) return;
    const fromSource = state.fromHandle.type === 'source';
    const source = fromSource ? state.fromNode.id : otherId;
    const target = fromSource ? otherId : state.fromNode.id;
    const s = useStore.getState();
    const problem = connectionProblem(s.doc, source, target);
    // Said where the pointer let go, not only in the status bar far below.
    const at = point ? { x: point.clientX, y: point.clientY } : undefined;
    if (problem) s.notify('error', { key: problem as MessageKey }, at);
  }, []);

  const isValidConnection = useCallback((c: Connection | { source: string; target: string }) => {
    return connectionProblem(useStore.getState().doc, c.source, c.target) === null;
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const kind = event.dataTransfer.getData(DRAG_MIME);
      if (!kind) return;
      // The new node is centred on the pointer.
      const size = kind === 'region' ? DEFAULT_REGION_SIZE : NODE_SIZE;
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const snapped = {
        x: Math.round((position.x - size.width / 2) / GRID[0]) * GRID[0],
        y: Math.round((position.y - size.height / 2) / GRID[1]) * GRID[1],
      };
      const s = useStore.getState();
      let created = '';
      s.change((d) => {
        const result = addNodeOfKind(d, kind, snapped);
        created = result.id;
        return result.doc;
      });
      if (created) s.select([kind === 'region' ? REGION_PREFIX + created : created]);
    },
    [screenToFlowPosition],
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the palette's drag and drop; the palette's buttons are the keyboard path.
    <div className="canvas" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <ReactFlow
        ariaLabelConfig={ariaLabelConfig}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        // A drag is one undo step, or none when it ends where it began.
        onNodeDragStart={() => useStore.getState().beginGesture()}
        onNodeDragStop={(_, node) => {
          const s = useStore.getState();
          if (node.type !== 'region') {
            const w = node.measured?.width ?? 160;
            const h = node.measured?.height ?? 80;
            s.changeSilently((d) =>
              setNodeRegion(d, node.id, node.position.x + w / 2, node.position.y + h / 2),
            );
          }
          s.endGesture();
        }}
        onNodeDoubleClick={(_, node) => {
          useStore.getState().select([node.id]);
          void run('edit.rename', 'canvas');
        }}
        onPaneContextMenu={(event) => {
          event.preventDefault();
          setMenu(null);
          setPaneMenu({ x: event.clientX, y: event.clientY });
        }}
        onNodeContextMenu={(event, node) => {
          event.preventDefault();
          setMenu({ kind: 'node', id: node.id, x: event.clientX, y: event.clientY });
        }}
        onEdgeContextMenu={(event, edge) => {
          event.preventDefault();
          setMenu({ kind: 'edge', id: edge.id, x: event.clientX, y: event.clientY });
        }}
        onPaneClick={() => setMenu(null)}
        nodesDraggable={!locked}
        nodesConnectable={!locked}
        snapToGrid
        snapGrid={GRID}
        // Delete and Backspace are the registry's (Edit ▸ Delete), like every other key.
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        minZoom={0.1}
        maxZoom={2.5}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={GRID[0]} />
        {minimapShown && (
          <MiniMap
            pannable
            zoomable
            style={{ width: OVERLAY_PX.minimap.width, height: OVERLAY_PX.minimap.height }}
            nodeColor={(n) => (n.type === 'region' ? '#eceff1' : '#90a4ae')}
          />
        )}
        <CanvasControls />
      </ReactFlow>
      <div className="legend" role="img" aria-label={`${t('legendUtilization')} 0% – 100%`}>
        <span>{t('legendUtilization')}</span>
        <span className="legend-bar">
          {[0, 0.2, 0.4, 0.6, 0.8, 1].map((u) => (
            <span key={u} className="legend-step" style={{ background: heat(u) }} title={`${u * 100}%`} />
          ))}
        </span>
        <span>0% – 100%</span>
      </div>
      {menu && <ChaosMenu target={menu} onClose={() => setMenu(null)} onInject={onInject} />}
      {paneMenu && <PaneMenu x={paneMenu.x} y={paneMenu.y} onClose={() => setPaneMenu(null)} />}
    </div>
  );
}
