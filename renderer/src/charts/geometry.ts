import type { ScaleLinear } from 'd3';

/**
 * Shared geometry: every time chart and the scenario timeline use the same left and right margins,
 * so one x scale lines them up pixel for pixel and the hover cursor runs straight through all of them.
 */
export const MARGIN = { left: 48, right: 14 } as const;
/** Height of the chart area of a time tab, and of the timeline under it (the panel body is ~200 px). */
export const CHART_HEIGHT = 144;
export const TIMELINE_HEIGHT = 52;
export const FONT_PX = 10;
export const TITLE_PX = 11;

/** About one x tick per 90 px: the charts' vertical grid and the timeline's axis use the same ticks. */
export function xTicks(x: ScaleLinear<number, number>): number[] {
  const [a, b] = x.range();
  return x.ticks(Math.max(2, Math.floor(Math.abs(b - a) / 90)));
}

export interface Cursor {
  /** Window index in the current run (-1: none), and in the pinned run (-1: none). */
  index: number;
  pinnedIndex: number;
  sec: number;
}
