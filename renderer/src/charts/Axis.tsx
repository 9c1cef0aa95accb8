import { type AxisDomain, type AxisScale, axisBottom, axisLeft, select } from 'd3';
import { useEffect, useRef } from 'react';

interface AxisProps {
  scale: AxisScale<number>;
  side: 'left' | 'bottom';
  /** Where the axis sits: `translate(x, y)`. */
  transform?: string;
  tickValues?: number[];
  ticks?: number;
  format: (value: number) => string;
}

/**
 * The one place d3 touches the DOM: d3-axis draws ticks and labels into a group it owns. Everything
 * else in the charts is React-rendered SVG. d3-axis only sets presentation attributes, never `style`.
 */
export function Axis({ scale, side, transform, tickValues, ticks = 4, format }: AxisProps) {
  const ref = useRef<SVGGElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const axis = (side === 'left' ? axisLeft(scale) : axisBottom(scale))
      .tickSize(3)
      .tickSizeOuter(0)
      .tickPadding(3)
      .tickFormat((d: AxisDomain) => format(Number(d)));
    if (tickValues) axis.tickValues(tickValues);
    else axis.ticks(ticks);
    select(ref.current).call(axis);
  }, [scale, side, tickValues, ticks, format]);
  return <g ref={ref} className="chart-axis" transform={transform} />;
}
