/**
 * Chart export: SVG charts to a standalone SVG file or a PNG, and a download helper that takes a Blob
 * and a file name (the desktop platform can reuse it, or swap in a native save dialog).
 *
 * CSP: nothing here writes a `style` attribute into the page. Computed styles are copied onto the
 * detached clone as SVG presentation attributes (`fill`, `font-size`, ...), which need no stylesheet
 * in the saved file; the PNG is drawn from a blob: URL image, which `img-src 'self' data: blob:` allows.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The properties that make a chart look right without our stylesheet. */
const INLINED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'shape-rendering',
  'paint-order',
] as const;

/** Elements that belong to the live UI only (hover cursor) are marked with this class. */
const SKIP_CLASS = 'no-export';

/**
 * Copies the computed style of `live` and its descendants onto the matching nodes of `copy` as
 * presentation attributes (and drops their style attributes), so the copy looks right on its own.
 */
export function inlineStyles(live: Element, copy: Element): void {
  const computed = getComputedStyle(live);
  for (const name of INLINED) {
    const value = computed.getPropertyValue(name);
    if (value) copy.setAttribute(name, value);
  }
  copy.removeAttribute('style');
  const liveKids = Array.from(live.children);
  const copyKids = Array.from(copy.children);
  for (let i = liveKids.length - 1; i >= 0; i--) {
    if (liveKids[i].classList.contains(SKIP_CLASS) || getComputedStyle(liveKids[i]).display === 'none') {
      copyKids[i].remove();
    } else {
      inlineStyles(liveKids[i], copyKids[i]);
    }
  }
}

/**
 * One standalone SVG document from the panel's charts, stacked top to bottom on a white background
 * at their on-screen size. Returns the markup and its size in px.
 */
export function serializeCharts(svgs: readonly SVGSVGElement[]): {
  text: string;
  width: number;
  height: number;
} {
  const root = document.createElementNS(SVG_NS, 'svg');
  let width = 0;
  let height = 0;
  const parts: SVGSVGElement[] = [];
  for (const svg of svgs) {
    const box = svg.getBoundingClientRect();
    const copy = svg.cloneNode(true) as SVGSVGElement;
    inlineStyles(svg, copy);
    copy.setAttribute('x', '0');
    copy.setAttribute('y', String(height));
    copy.setAttribute('width', String(box.width));
    copy.setAttribute('height', String(box.height));
    copy.removeAttribute('class');
    parts.push(copy);
    width = Math.max(width, box.width);
    height += box.height;
  }
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  root.append(background, ...parts);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { text, width, height };
}

export function svgBlob(text: string): Blob {
  return new Blob([text], { type: 'image/svg+xml;charset=utf-8' });
}

/**
 * Rasterises SVG markup to a PNG at `scale` × its size (2 for sharp text on high-DPI screens).
 * Rejects when the image cannot be decoded or the canvas cannot produce a PNG.
 */
export async function svgToPng(text: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(svgBlob(text));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('Could not draw the chart: no 2D canvas available.');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('Could not encode the chart as PNG.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves `blob` as a file called `name` through the browser's download mechanism. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
