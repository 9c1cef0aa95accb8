/*
 * Number and table formatting for the CLI's human report. Formatting lives here, never in the engine
 * (which returns plain numbers) and never in the CSV export (which wants exact, machine-readable cells).
 */

/** Shown for a metric that was not measured (`null`) or cannot be computed. */
export const NO_VALUE = '-';

/** `1234567` → `1,234,567`. */
export function formatCount(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A measurement with `digits` significant digits (default 3): `48.21` → `48.2`, `0.0123` → `0.0123`.
 * Values with more integer digits than that are rounded to an integer, not to `1.23e+3`.
 */
export function formatSig(value: number | null, digits = 3): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  if (value === 0) return '0';
  if (Math.abs(value) >= 10 ** digits) return formatCount(value);
  return value.toPrecision(digits);
}

/** `0.873` → `87.3%`. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return NO_VALUE;
  return `${(ratio * 100).toFixed(1)}%`;
}

/** `1520000` → `1.52M`: rates that only need their order of magnitude and 3 digits. */
export function formatCompact(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  for (const [scale, suffix] of [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (Math.abs(value) >= scale) return `${(value / scale).toPrecision(3)}${suffix}`;
  }
  return formatSig(value);
}

/** Simulated seconds: `60` → `60 s`, `0.5` → `0.5 s`. */
export function formatSeconds(sec: number): string {
  return `${Number.isInteger(sec) ? formatCount(sec) : formatSig(sec)} s`;
}

/** `queueFull` → `queue full`. */
export function words(camelCase: string): string {
  return camelCase.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
}

/**
 * User text (ids, labels) made safe to print: control characters, including the ESC that starts a
 * terminal escape sequence, bidirectional controls and half surrogate pairs become `?` so a crafted
 * topology cannot rewrite or reorder the user's terminal.
 */
export function printable(text: string): string {
  // Bidirectional controls reorder what a terminal shows, half a surrogate pair is no character.
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '?',
  );
}

// East Asian wide and fullwidth characters take two terminal columns (Hangul, CJK, kana, fullwidth forms, emoji).
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

/** Terminal columns `text` takes, counting CJK characters as two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

export type Align = 'left' | 'right';

/**
 * Aligned columns, two spaces apart, each line indented by two spaces and without trailing blanks.
 * `align` gives each column's alignment (default left).
 */
export function renderTable(
  header: readonly string[],
  rows: readonly string[][],
  align: readonly Align[],
): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => displayWidth(row[column] ?? ''))));
  const lines = all.map((row) =>
    row
      .map((cell, column) => {
        const padding = ' '.repeat(widths[column] - displayWidth(cell));
        return align[column] === 'right' ? padding + cell : cell + padding;
      })
      .join('  ')
      .trimEnd(),
  );
  return lines.map((line) => `  ${line}\n`).join('');
}
