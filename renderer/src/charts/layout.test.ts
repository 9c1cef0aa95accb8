import { describe, expect, it } from 'vitest';
import { layoutLegend, layoutMarkers, mergeRepeats, textWidth, truncate } from './layout.ts';

describe('text estimates', () => {
  it('counts CJK glyphs as one em and Latin as about 0.6', () => {
    expect(textWidth('abcde', 10)).toBeCloseTo(30);
    expect(textWidth('杀掉实例', 10)).toBeCloseTo(40);
  });

  it('truncates with an ellipsis to fit', () => {
    expect(truncate('short', 10, 100)).toBe('short');
    const cut = truncate('a very long event label indeed', 10, 60);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 10)).toBeLessThanOrEqual(60);
  });
});

describe('layoutMarkers', () => {
  const options = { lanes: 2, left: 0, right: 400, fontPx: 10, maxLabelPx: 120 };

  it('puts overlapping labels in different lanes', () => {
    const placed = layoutMarkers(
      [
        { x: 10, label: 'kill service-1' },
        { x: 20, label: 'restore' },
        { x: 300, label: 'flood' },
      ],
      options,
    );
    expect(placed.map((p) => p.lane)).toEqual([0, 1, 0]);
  });

  it('hides a label when every lane is taken, but keeps the marker', () => {
    const placed = layoutMarkers(
      [
        { x: 10, label: 'first label' },
        { x: 12, label: 'second label' },
        { x: 14, label: 'third label' },
      ],
      options,
    );
    expect(placed[2]).toMatchObject({ x: 14, lane: null });
  });

  it('runs a label leftwards near the right edge', () => {
    const [p] = layoutMarkers([{ x: 395, label: 'late event' }], options);
    expect(p.anchor).toBe('end');
    expect(p.labelX).toBeLessThanOrEqual(392);
  });

  it('flips a label to the left of its marker when the right is taken', () => {
    const placed = layoutMarkers(
      [
        { x: 100, label: 'p99 40 ms' },
        { x: 120, label: 'p999 70 ms' },
      ],
      { ...options, lanes: 1 },
    );
    expect(placed[1]).toMatchObject({ lane: null });
    const apart = layoutMarkers(
      [
        { x: 100, label: 'p99 40 ms' },
        { x: 260, label: 'p999 70 ms' },
      ],
      { ...options, lanes: 1, right: 270 },
    );
    expect(apart[1]).toMatchObject({ lane: 0, anchor: 'end' });
  });

  it('returns markers in the order given even when placed by time', () => {
    const placed = layoutMarkers(
      [
        { x: 200, label: 'b' },
        { x: 10, label: 'a' },
      ],
      options,
    );
    expect(placed.map((p) => p.text)).toEqual(['b', 'a']);
  });
});

describe('layoutLegend', () => {
  it('wraps items that do not fit into a new row', () => {
    const { items, rows } = layoutLegend(
      [{ label: 'p50' }, { label: 'p99' }, { label: 'pinned' }],
      0,
      80,
      10,
    );
    expect(items[0]).toEqual({ x: 0, row: 0 });
    expect(items[1].row).toBe(1);
    expect(rows).toBe(3);
    expect(layoutLegend([], 0, 80, 10).rows).toBe(0);
  });
});

describe('mergeRepeats', () => {
  it('writes a label repeated at one place once, after its count', () => {
    const merged = mergeRepeats([
      { x: 100, label: 'kill 18.6%' },
      { x: 100.2, label: 'kill 18.6%' },
      { x: 100, label: 'flood' },
      { x: 100, label: 'kill 18.6%' },
      { x: 300, label: 'kill 18.6%' },
    ]);
    expect(merged.map((m) => m.label)).toEqual(['3× kill 18.6%', '', 'flood', '', 'kill 18.6%']);
    expect(merged.map((m) => m.x)).toEqual([100, 100.2, 100, 100, 300]);
  });
});
