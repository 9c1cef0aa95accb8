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

const FRACTION_RANGE = /^must be a number (from 0 to 1|> 0 and ≤ 1), got (\S+)$/;

/**
 * The validator's message about a share, in the percentages the field shows: "must be a number from
 * 0 to 1, got 1.5" → "must be from 0 % to 100 %, got 150 %". Other messages are returned unchanged.
 */
export function percentMessage(message: string): string {
  const m = FRACTION_RANGE.exec(message);
  if (!m) return message;
  const range = m[1] === 'from 0 to 1' ? 'from 0 % to 100 %' : '> 0 % and ≤ 100 %';
  const got = Number(m[2]);
  return `must be ${range}, got ${Number.isFinite(got) ? `${toPercent(got)} %` : m[2]}`;
}
