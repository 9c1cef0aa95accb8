/**
 * Text widths as the browser will draw them: a 2D canvas measures with the page's own fonts (CJK
 * fallback included). Outside a browser (unit tests) there is nothing to measure with: null.
 */
let context: CanvasRenderingContext2D | null | undefined;

export function measuredWidth(text: string, fontPx: number, bold: boolean): number | null {
  if (context === undefined) {
    context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  if (context === null) return null;
  const family = getComputedStyle(document.documentElement).fontFamily;
  context.font = `${bold ? 600 : 400} ${fontPx}px ${family}`;
  return context.measureText(text).width;
}
