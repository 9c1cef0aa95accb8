import { measuredWidth } from './measure.ts';

/**
 * Text layout for SVG: label widths as the browser measures them with the page's fonts, so labels
 * never collide; where nothing can measure (unit tests) they are estimated from the characters (CJK
 * glyphs are about 1 em wide, Latin ones about 0.6 em), which keeps the layout a testable function.
 * Chart labels are bold (600) unless `bold` is false.
 */
export function textWidth(text: string, fontPx: number, bold = true): number {
  const measured = measuredWidth(text, fontPx, bold);
  if (measured !== null) return measured;
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    em += code >= 0x2e80 ? 1 : ch === ' ' ? 0.3 : 0.6;
  }
  return em * fontPx;
}

/** `text` cut with an ellipsis so that it fits in `maxPx`. */
export function truncate(text: string, fontPx: number, maxPx: number): string {
  if (textWidth(text, fontPx) <= maxPx) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, fontPx) > maxPx) chars.pop();
  return chars.length > 0 ? `${chars.join('')}…` : '';
}

/**
 * Labels for markers at `xs`: a label repeated at the same place (three identical kills at one second)
 * is written once, after its count, and the repeats get no label of their own.
 */
export function mergeRepeats(markers: readonly MarkerInput[]): MarkerInput[] {
  const first = new Map<string, number>();
  const count = markers.map(() => 0);
  const owner = markers.map((m, i) => {
    const key = `${Math.round(m.x)}\u0000${m.label}`;
    const at = first.get(key) ?? i;
    first.set(key, at);
    count[at]++;
    return at;
  });
  return markers.map((m, i) => ({
    x: m.x,
    // The count goes first, where truncating a long label cannot cut it off.
    label: owner[i] !== i ? '' : count[i] > 1 ? `${count[i]}× ${m.label}` : m.label,
  }));
}

export interface MarkerInput {
  x: number;
  label: string;
}

export interface PlacedMarker {
  x: number;
  /** Row of the label, 0 at the top; null when no row had room (the marker stays, its label hides). */
  lane: number | null;
  text: string;
  /** Where the label starts and which way it runs from the marker. */
  labelX: number;
  anchor: 'start' | 'end';
}

export interface MarkerLayoutOptions {
  lanes: number;
  /** Plot edges in px: labels must stay within them. */
  left: number;
  right: number;
  fontPx: number;
  /** Longest label, px; longer ones are truncated. */
  maxLabelPx: number;
  /** Space between neighbouring labels, px. */
  gap?: number;
}

/**
 * Places event labels in lanes so that none overlap: each label runs right of its marker, or left of
 * it when the right side is taken or past the edge, in the first lane with room on either side.
 * Markers are taken in time order, so earlier events win a lane. Returns the markers in the order given.
 */
export function layoutMarkers(markers: readonly MarkerInput[], options: MarkerLayoutOptions): PlacedMarker[] {
  const { lanes, left, right, fontPx, maxLabelPx, gap = 6 } = options;
  const taken: [number, number][][] = Array.from({ length: lanes }, () => []);
  const free = (lane: number, start: number, end: number) =>
    start >= left && end <= right && taken[lane].every(([a, b]) => end + gap <= a || start >= b + gap);
  const order = markers.map((_, i) => i).sort((a, b) => markers[a].x - markers[b].x);
  const out = new Array<PlacedMarker>(markers.length);
  for (const i of order) {
    const { x, label } = markers[i];
    const text = truncate(label, fontPx, maxLabelPx);
    const width = textWidth(text, fontPx);
    const sides = [
      { start: x + 3, anchor: 'start' as const },
      { start: x - 3 - width, anchor: 'end' as const },
    ];
    let placed: PlacedMarker = { x, lane: null, text, labelX: x + 3, anchor: 'start' };
    search: for (let lane = 0; lane < lanes && text !== ''; lane++) {
      for (const side of sides) {
        if (free(lane, side.start, side.start + width)) {
          taken[lane].push([side.start, side.start + width]);
          const labelX = side.anchor === 'start' ? side.start : side.start + width;
          placed = { x, lane, text, labelX, anchor: side.anchor };
          break search;
        }
      }
    }
    out[i] = placed;
  }
  return out;
}

export interface LegendInput {
  label: string;
}

export interface PlacedLegendItem {
  x: number;
  row: number;
}

/**
 * Legend items in rows from `left` to `right`: a 16 px swatch, 4 px, the label, 12 px to the next
 * item; an item that does not fit starts a new row.
 */
export function layoutLegend(
  items: readonly LegendInput[],
  left: number,
  right: number,
  fontPx: number,
): { items: PlacedLegendItem[]; rows: number } {
  let x = left;
  let row = 0;
  const placed: PlacedLegendItem[] = [];
  for (const item of items) {
    const width = 20 + textWidth(item.label, fontPx, false);
    if (x > left && x + width > right) {
      row++;
      x = left;
    }
    placed.push({ x, row });
    x += width + 12;
  }
  return { items: placed, rows: items.length > 0 ? row + 1 : 0 };
}
