import { downloadBlob, inlineStyles, svgBlob, svgToPng } from '../charts/exportImage.ts';
import type { Store } from '../store/store.ts';

/**
 * Export of the canvas as people share it: the whole diagram with its live figures (heat, badges,
 * edge rates, the tail path), as a real SVG drawing — rectangles, paths and text, no embedded HTML —
 * or as a PNG drawn from that SVG. It is redrawn from what the page shows: every node, region and edge
 * label box with its computed colours, borders and text, and React Flow's edge paths as they are.
 *
 * CSP: nothing is written into the page. The drawing is built detached, with presentation attributes
 * (`fill`, `stroke`, `font-size`…) rather than style attributes, and the PNG is drawn from a blob: URL.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Blank space around the diagram, in px. */
const PAD = 24;
/** Parts of the canvas that belong to the editor, not the diagram. */
const SKIP = ['react-flow__handle', 'react-flow__resize-control', 'no-export'];
/** A PNG may hold at most this many pixels (4 bytes each) and be this wide or high. */
const MAX_PNG_PIXELS = 32_000_000;
const MAX_PNG_SIDE = 16_000;

type Box = { x: number; y: number; width: number; height: number };

/** Saves the canvas as `<document>-canvas.png` or `.svg`. */
export async function exportCanvas(
  format: 'png' | 'svg',
  state: Pick<Store, 'fileName' | 'doc'>,
): Promise<void> {
  const flow = document.querySelector<HTMLElement>('.canvas .react-flow');
  const drawing = flow ? canvasSvg(flow) : null;
  if (!drawing) return;
  const name = `${baseName(state)}-canvas.${format}`;
  if (format === 'svg') downloadBlob(svgBlob(drawing.text), name);
  else downloadBlob(await svgToPng(drawing.text, drawing.width, drawing.height, pngScale(drawing)), name);
}

/** Sharp text (2×) unless the picture would be too big for a canvas to hold. */
export function pngScale({ width, height }: { width: number; height: number }): number {
  return Math.min(2, Math.sqrt(MAX_PNG_PIXELS / (width * height)), MAX_PNG_SIDE / Math.max(width, height));
}

function baseName({ fileName, doc }: Pick<Store, 'fileName' | 'doc'>): string {
  const raw =
    fileName?.replace(/\.archsim\.json$|\.json$/i, '') ?? (typeof doc.name === 'string' ? doc.name : '');
  return raw.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'archsim';
}

/**
 * The diagram inside React Flow's element `flow` as a standalone SVG document in flow coordinates (the
 * size it has at 100 % zoom, whatever the zoom on screen). Null when there is nothing to draw.
 */
export function canvasSvg(flow: HTMLElement): { text: string; width: number; height: number } | null {
  const viewport = flow.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) return null;
  const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
  const zoom = matrix.a || 1;
  const pane = flow.getBoundingClientRect();
  // Where flow (0, 0) is on screen: screen = origin + flow × zoom.
  const origin = { x: pane.left + matrix.e, y: pane.top + matrix.f };
  const toFlow = (r: DOMRect): Box => ({
    x: (r.left - origin.x) / zoom,
    y: (r.top - origin.y) / zoom,
    width: r.width / zoom,
    height: r.height / zoom,
  });

  const nodes = Array.from(flow.querySelectorAll<HTMLElement>('.react-flow__node'));
  const regions = nodes.filter((n) => n.classList.contains('react-flow__node-region'));
  const others = nodes.filter((n) => !regions.includes(n));
  const labels = Array.from(flow.querySelectorAll<HTMLElement>('.react-flow__edgelabel-renderer > *'));
  const edges = Array.from(flow.querySelectorAll<SVGGElement>('.react-flow__edges .react-flow__edge'));

  const boxes = [...nodes, ...labels].map((el) => toFlow(el.getBoundingClientRect()));
  for (const edge of edges) {
    const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path');
    if (path) boxes.push(path.getBBox());
  }
  if (boxes.length === 0) return null;
  const minX = Math.min(...boxes.map((b) => b.x)) - PAD;
  const minY = Math.min(...boxes.map((b) => b.y)) - PAD;
  const width = Math.ceil(Math.max(...boxes.map((b) => b.x + b.width)) + PAD - minX);
  const height = Math.ceil(Math.max(...boxes.map((b) => b.y + b.height)) + PAD - minY);

  const drawing = new Drawing(toFlow);
  const root = drawing.root;
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `${minX} ${minY} ${width} ${height}`);
  root.append(drawing.rect({ x: minX, y: minY, width, height }, { fill: '#ffffff' }));

  for (const region of regions) drawing.element(region, root);
  for (const marker of Array.from(flow.querySelectorAll('marker'))) drawing.defs.append(styledClone(marker));
  for (const edge of edges) {
    const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path');
    if (path) root.append(styledClone(path));
  }
  for (const node of others) drawing.element(node, root);
  for (const label of labels) drawing.element(label, root);

  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { text, width, height };
}

/** A detached copy of `el` with its computed look as presentation attributes. */
function styledClone<T extends Element>(el: T): T {
  const copy = el.cloneNode(true) as T;
  inlineStyles(el, copy);
  copy.removeAttribute('class');
  return copy;
}

/** Redraws HTML boxes and their text as SVG shapes. */
class Drawing {
  readonly root = document.createElementNS(SVG_NS, 'svg');
  readonly defs = document.createElementNS(SVG_NS, 'defs');
  private clips = 0;

  constructor(private readonly toFlow: (r: DOMRect) => Box) {
    this.root.setAttribute('xmlns', SVG_NS);
    this.root.append(this.defs);
  }

  rect(box: Box, attributes: Record<string, string | number>, radius = 0): SVGRectElement {
    const rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('x', String(box.x));
    rect.setAttribute('y', String(box.y));
    rect.setAttribute('width', String(Math.max(0, box.width)));
    rect.setAttribute('height', String(Math.max(0, box.height)));
    if (radius > 0) rect.setAttribute('rx', String(radius));
    for (const [name, value] of Object.entries(attributes)) rect.setAttribute(name, String(value));
    return rect;
  }

  /** A clip path of `box` with rounded corners; returns its `url(#…)`. */
  clip(box: Box, radius: number): string {
    const id = `clip-${++this.clips}`;
    const clipPath = document.createElementNS(SVG_NS, 'clipPath');
    clipPath.setAttribute('id', id);
    clipPath.append(this.rect(box, {}, radius));
    this.defs.append(clipPath);
    return `url(#${id})`;
  }

  /** Draws `el` (its box, then its children in order) into `parent`. */
  element(el: Element, parent: Element): void {
    if (!(el instanceof HTMLElement) || SKIP.some((name) => el.classList.contains(name))) return;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return;
    const box = this.toFlow(el.getBoundingClientRect());
    const group = document.createElementNS(SVG_NS, 'g');
    if (style.opacity !== '1') group.setAttribute('opacity', style.opacity);
    const radius = cornerRadius(style.borderTopLeftRadius, box);
    this.box(style, box, radius, group);
    let inner: Element = group;
    if (style.overflow !== 'visible') {
      inner = document.createElementNS(SVG_NS, 'g');
      inner.setAttribute('clip-path', this.clip(box, radius));
      group.append(inner);
    }
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) this.text(child as Text, style, inner);
      else if (child instanceof Element) this.element(child, inner);
    }
    if (group.childNodes.length > 0) parent.append(group);
  }

  /** The background, a spread-only box shadow (a ring, as the tail path draws it) and the borders. */
  private box(style: CSSStyleDeclaration, box: Box, radius: number, group: Element): void {
    const ring = spreadShadow(style.boxShadow);
    if (ring) {
      const grown = {
        x: box.x - ring.spread,
        y: box.y - ring.spread,
        width: box.width + 2 * ring.spread,
        height: box.height + 2 * ring.spread,
      };
      group.append(this.rect(grown, { fill: ring.color }, radius + ring.spread));
    }
    const fill = backgroundOf(style);
    if (fill) group.append(this.rect(box, { fill }, radius));
    const sides = (['Top', 'Right', 'Bottom', 'Left'] as const).map((side) => ({
      side,
      width: Number.parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) || 0,
      color: style.getPropertyValue(`border-${side.toLowerCase()}-color`),
      line: style.getPropertyValue(`border-${side.toLowerCase()}-style`),
    }));
    const shown = sides.filter(
      (s) => s.width > 0 && s.line !== 'none' && s.line !== 'hidden' && !transparent(s.color),
    );
    if (shown.length === 0) return;
    // The most common border is drawn all round; a side that differs (a node's coloured left edge) is
    // painted over it as a strip clipped to the rounded box.
    const main = sides[0];
    if (shown.includes(main)) {
      const w = main.width;
      const inset = { x: box.x + w / 2, y: box.y + w / 2, width: box.width - w, height: box.height - w };
      const dash = main.line === 'dashed' ? `${w * 3} ${w * 2}` : main.line === 'dotted' ? `${w} ${w}` : null;
      group.append(
        this.rect(
          inset,
          {
            fill: 'none',
            stroke: main.color,
            'stroke-width': w,
            ...(dash ? { 'stroke-dasharray': dash } : {}),
          },
          Math.max(0, radius - w / 2),
        ),
      );
    }
    const differing = shown.filter((s) => s !== main && (s.width !== main.width || s.color !== main.color));
    if (differing.length === 0) return;
    const clip = this.clip(box, radius);
    for (const s of differing) {
      const strip =
        s.side === 'Left'
          ? { x: box.x, y: box.y, width: s.width, height: box.height }
          : s.side === 'Right'
            ? { x: box.x + box.width - s.width, y: box.y, width: s.width, height: box.height }
            : { x: box.x, y: box.y + box.height - s.width, width: box.width, height: s.width };
      group.append(this.rect(strip, { fill: s.color, 'clip-path': clip }));
    }
  }

  /** A text node as SVG text, line by line where it wraps (word by word then). */
  private text(node: Text, style: CSSStyleDeclaration, parent: Element): void {
    const content = node.textContent ?? '';
    if (content.trim() === '') return;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = Array.from(range.getClientRects()).filter((r) => r.width > 0);
    if (lines.length === 0) return;
    const pieces: { text: string; rect: DOMRect }[] = [];
    if (lines.length === 1) pieces.push({ text: content.replace(/\s+/g, ' '), rect: lines[0] });
    else {
      for (const word of content.matchAll(/\S+/g)) {
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const rect = range.getClientRects()[0];
        if (rect) pieces.push({ text: word[0], rect });
      }
    }
    for (const piece of pieces) {
      const box = this.toFlow(piece.rect);
      const text = document.createElementNS(SVG_NS, 'text');
      text.setAttribute('x', String(box.x));
      text.setAttribute('y', String(box.y + box.height / 2));
      text.setAttribute('dominant-baseline', 'central');
      text.setAttribute('xml:space', 'preserve');
      text.setAttribute('font-family', style.fontFamily);
      text.setAttribute('font-size', style.fontSize);
      text.setAttribute('font-weight', style.fontWeight);
      text.setAttribute('fill', style.color);
      text.textContent = piece.text;
      parent.append(text);
    }
  }
}

function transparent(color: string): boolean {
  return color === '' || color === 'transparent' || /^rgba\(.*,\s*0\)$/.test(color);
}

/** The background colour, or a gradient's first colour (a down region's stripes), or null. */
function backgroundOf(style: CSSStyleDeclaration): string | null {
  if (!transparent(style.backgroundColor)) return style.backgroundColor;
  const stop = /rgba?\([^)]*\)/.exec(style.backgroundImage);
  return stop ? stop[0] : null;
}

function cornerRadius(value: string, box: Box): number {
  const n = Number.parseFloat(value) || 0;
  return value.endsWith('%') ? (Math.min(box.width, box.height) * n) / 100 : n;
}

/** `rgb(…) 0px 0px 0px 4px`: a shadow without offset or blur is a ring of `spread` px. */
function spreadShadow(value: string): { color: string; spread: number } | null {
  const match = /^(rgba?\([^)]*\)) 0px 0px 0px (\d+(?:\.\d+)?)px$/.exec(value.trim());
  return match ? { color: match[1], spread: Number(match[2]) } : null;
}
