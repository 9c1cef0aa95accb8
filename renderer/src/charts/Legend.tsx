import { FONT_PX } from './geometry.ts';
import { layoutLegend } from './layout.ts';

export interface LegendItem {
  label: string;
  color: string;
  dashed?: boolean;
  /** A filled swatch (stacked area) instead of a line. */
  fill?: string;
}

/** Lays the legend out in rows; the chart asks for the row count first to place its plot. */
export function legendRows(items: readonly LegendItem[], left: number, right: number): number {
  return layoutLegend(items, left, right, FONT_PX).rows;
}

/** A legend inside the SVG, so an exported chart carries it. */
export function Legend({
  items,
  left,
  right,
  top,
}: {
  items: LegendItem[];
  left: number;
  right: number;
  top: number;
}) {
  const { items: placed } = layoutLegend(items, left, right, FONT_PX);
  return (
    <g className="chart-legend">
      {items.map((item, i) => {
        const { x, row } = placed[i];
        const y = top + row * 14;
        return (
          <g key={item.label} transform={`translate(${x},${y})`}>
            {item.fill ? (
              <rect x={0} y={-7} width={16} height={9} fill={item.fill} stroke={item.color} strokeWidth={1} />
            ) : (
              <line
                x1={0}
                x2={16}
                y1={-3}
                y2={-3}
                stroke={item.color}
                strokeWidth={2}
                strokeDasharray={item.dashed ? '4 3' : undefined}
              />
            )}
            <text x={20} y={0} className="chart-legend-text">
              {item.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}
