/**
 * Numbers as the inspector shows and reads them. The file stores shares as fractions (`errorRate: 0.01`)
 * and the inspector shows every one of them as a percentage (`1` with the unit `%`): one rule, so a
 * user never wonders which of the two a field wants.
 */

/** Rounds away binary noise (`0.07 * 100 = 7.000000000000001`) without losing typed precision. */
export function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** A fraction (0..1) as a percentage: 0.015 → 1.5. */
export function toPercent(fraction: number): number {
  return clean(fraction * 100);
}

/** A percentage as the fraction the file stores: 1.5 → 0.015. */
export function fromPercent(percent: number): number {
  return clean(percent / 100);
}

/** What an input shows for a stored value. */
export function formatNumber(value: number | undefined, percent = false): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  return String(percent ? toPercent(value) : value);
}

/**
 * What a typed text means: `undefined` for an empty field (the key is removed), `null` for text that
 * is not a number (the edit is refused), else the value to store.
 */
export function parseNumber(text: string, percent = false): number | undefined | null {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return null;
  return percent ? fromPercent(value) : value;
}
