import { useMemo } from 'react';
import type { Doc } from '../model/document.ts';
import { thumbnail } from './thumbnail.ts';

const WIDTH = 200;
const HEIGHT = 84;

/** The canvas's kind colours (styles.css `.kind-*`), so a thumbnail reads like the canvas. */
const KIND_COLORS: Record<string, string> = {
  client: '#5c6bc0',
  loadBalancer: '#26a69a',
  service: '#42a5f5',
  pool: '#8d6e63',
  cache: '#ffca28',
  queue: '#ab47bc',
  database: '#ef6c00',
};

/** A small drawing of a preset's topology: regions, nodes at their positions, edges as lines. */
export function Thumbnail({ doc }: { doc: Doc }) {
  const thumb = useMemo(() => thumbnail(doc, WIDTH, HEIGHT), [doc]);
  return (
    <svg
      className="preset-thumb"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      aria-hidden="true"
      focusable="false"
    >
      {thumb.regions.map((r) => (
        <rect
          key={r.id}
          x={r.x}
          y={r.y}
          width={r.width}
          height={r.height}
          rx={3}
          fill="#eef3f8"
          stroke="#b0bec5"
          strokeDasharray="3 2"
        />
      ))}
      {thumb.edges.map((e) => (
        <line key={e.id} x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2} stroke="#90a4ae" strokeWidth={1} />
      ))}
      {thumb.nodes.map((n) => (
        <rect
          key={n.id}
          x={n.x}
          y={n.y}
          width={n.width}
          height={n.height}
          rx={Math.min(2, n.height / 2)}
          fill={KIND_COLORS[n.kind] ?? '#546e7a'}
        />
      ))}
    </svg>
  );
}
