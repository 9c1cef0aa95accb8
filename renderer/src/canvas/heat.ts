import { interpolateRgbBasis, rgb } from 'd3';

/** Utilization 0 → 1 as a heat colour: calm green, amber past 70%, red at saturation. */
export const heat = interpolateRgbBasis(['#e8f5e9', '#c5e1a5', '#ffe082', '#ffb74d', '#ef5350', '#b71c1c']);

/** WCAG relative luminance of a CSS colour. */
function luminance(color: string): number {
  const { r, g, b } = rgb(color);
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio between two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The canvas's dark text colour (`--text`) and its light one. */
export const INK = { dark: '#1f2a33', light: '#ffffff' } as const;

/** Which text colour reads best on the heat colour of utilization `u`: dark on calm, light on red. */
export function heatInk(u: number): keyof typeof INK {
  const fill = heat(u);
  return contrast(fill, INK.dark) >= contrast(fill, INK.light) ? 'dark' : 'light';
}

/** Edge colour by error ratio: grey when clean, red when failing. */
export const errorColor = interpolateRgbBasis(['#78909c', '#ffa726', '#e53935']);
