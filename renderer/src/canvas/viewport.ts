/// <reference types="vite/client" />
import type { FitViewOptions, ReactFlowInstance } from '@xyflow/react';
import ELK, { type ELK as ElkApi } from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import { autoLayout, NODE_SIZE, type Size } from '../model/autoLayout.ts';
import { useStore } from '../store/store.ts';
import { addNodeOfKind } from './edits.ts';
import { DEFAULT_REGION_SIZE, type FlowNode, REGION_PREFIX } from './flowModel.ts';
import { freeSpot } from './placement.ts';

/**
 * What fit-view leaves free, in screen pixels: the heat legend along the top-left, the zoom controls
 * along the bottom-left and, while it is shown, the minimap in the bottom-right corner (it takes its
 * width off the right side), so that no node is framed under any of them.
 */
export const OVERLAY_PX = { top: 44, bottom: 44, side: 16, minimap: { width: 200, height: 140, margin: 10 } };

export function fitOptions(minimapShown: boolean): FitViewOptions<FlowNode> {
  const { top, bottom, side, minimap } = OVERLAY_PX;
  return {
    maxZoom: 1,
    minZoom: 0.1,
    padding: {
      top: `${top}px`,
      bottom: `${bottom}px`,
      left: `${side}px`,
      right: `${minimapShown ? minimap.width + 2 * minimap.margin : side}px`,
    },
  };
}

// One ELK in its own worker (its worker build, a file of ours: `worker-src 'self'` allows it), made on
// first use so the app starts without it.
let elk: ElkApi | null = null;

/**
 * Auto layout of the canvas: the document laid out by ELK off the main thread with the nodes' measured
 * sizes, applied as one undo step, then the view fitted to it. A document edited meanwhile wins: the
 * layout of the old one is dropped.
 */
export async function layoutCanvas(
  flow: Pick<ReactFlowInstance<FlowNode>, 'getNodes' | 'fitView'>,
): Promise<void> {
  elk ??= new ELK({ workerUrl: elkWorkerUrl });
  const before = useStore.getState().doc;
  const sizes = new Map<string, Size>();
  for (const n of flow.getNodes()) {
    if (n.type !== 'region' && n.measured?.width && n.measured.height) {
      sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
    }
  }
  const laid = await autoLayout(before, elk, sizes);
  const s = useStore.getState();
  if (s.doc !== before || laid === before) return;
  s.change(() => laid);
  fitSoon(flow);
}

/**
 * Fits the view once React Flow has drawn the nodes at their new places, unless the document was
 * edited meanwhile: on a busy machine the moment can come late, and the view must not move under a
 * user who has started working.
 */
export function fitSoon(flow: Pick<ReactFlowInstance<FlowNode>, 'fitView'>): void {
  const doc = useStore.getState().doc;
  setTimeout(() => {
    const s = useStore.getState();
    if (s.doc === doc) void flow.fitView(fitOptions(s.minimapShown));
  }, 60);
}

/** The part of the canvas no overlay covers, in flow coordinates; null before the canvas is laid out. */
function visibleFlowBox(
  flow: Pick<ReactFlowInstance<FlowNode>, 'screenToFlowPosition'>,
): { x: number; y: number; width: number; height: number } | null {
  const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
  if (!canvas || canvas.width === 0) return null;
  const { top, bottom, side, minimap } = OVERLAY_PX;
  const right = useStore.getState().minimapShown ? minimap.width + 2 * minimap.margin : side;
  const a = flow.screenToFlowPosition({ x: canvas.left + side, y: canvas.top + top });
  const b = flow.screenToFlowPosition({ x: canvas.right - right, y: canvas.bottom - bottom });
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

/**
 * A palette click: the new node (or region) goes in free, visible space near the middle of the view,
 * clear of every node and region; when the view has none, beside everything, and the view pans to it.
 */
export function addByClick(
  kind: string,
  flow: Pick<ReactFlowInstance<FlowNode>, 'screenToFlowPosition' | 'getNodes' | 'getZoom' | 'setCenter'>,
): void {
  const size = kind === 'region' ? DEFAULT_REGION_SIZE : NODE_SIZE;
  const taken = flow.getNodes().map((n) => ({
    ...n.position,
    width: n.measured?.width ?? n.width ?? NODE_SIZE.width,
    height: n.measured?.height ?? n.height ?? NODE_SIZE.height,
  }));
  const view = visibleFlowBox(flow) ?? { x: 0, y: 0, width: 800, height: 400 };
  const spot = freeSpot(view, taken, size);
  const s = useStore.getState();
  let id = '';
  s.change((d) => {
    const result = addNodeOfKind(d, kind, { x: spot.x, y: spot.y });
    id = result.id;
    return result.doc;
  });
  if (id) s.select([kind === 'region' ? REGION_PREFIX + id : id]);
  if (!spot.visible) {
    void flow.setCenter(spot.x + size.width / 2, spot.y + size.height / 2, {
      zoom: flow.getZoom(),
      duration: 200,
    });
  }
}
