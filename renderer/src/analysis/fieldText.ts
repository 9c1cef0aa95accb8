/** The longest run an analysis form takes, in simulated seconds: a day. */
const MAX_RUN_LENGTH_SEC = 86_400;

/** A whole number from `min` to `max` as typed in a form field, or null for anything else (empty too). */
export function wholeNumber(text: string, min: number, max: number): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/**
 * The Run length field: undefined when empty (each run as long as the scenario says), the seconds
 * when above 0 and at most a day, null for anything else.
 */
export function runLengthSec(text: string): number | undefined | null {
  if (text.trim() === '') return undefined;
  const sec = Number(text);
  return sec > 0 && sec <= MAX_RUN_LENGTH_SEC ? sec : null;
}
