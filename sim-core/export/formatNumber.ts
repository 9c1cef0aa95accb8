/** Significant digits kept for non-integers; integer digits are never rounded away. */
const SIGNIFICANT_DIGITS = 6;

/**
 * Formats a number for a CSV cell: plain decimal notation with a `.` point, no exponent, no thousands
 * separator, no float noise. Integers are written exactly (`1e21` → `1000000000000000000000`);
 * other numbers keep 6 significant digits, or all their integer digits if they have more
 * (`0.30000000000000004` → `0.3`, `1e-7` → `0.0000001`, `1234567.891` → `1234568`).
 * `null`, `undefined`, `NaN` and ±Infinity give an empty string: an empty cell reads as "no value"
 * in Excel and as NaN in pandas, where `NaN` or `Infinity` text would read as a string in Excel.
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  // BigInt prints every digit of an integer-valued double; String() switches to 1e+21 at 1e21.
  if (Number.isInteger(value)) return BigInt(value).toString();
  const integerDigits = Math.abs(value) < 1 ? 0 : Math.trunc(Math.abs(value)).toString().length;
  // A non-integer double is below 2^53, so precision stays within toPrecision's 1..100.
  const text = expandExponent(value.toPrecision(Math.max(SIGNIFICANT_DIGITS, integerDigits)));
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/** `1.23457e-7` → `0.000000123457`. toPrecision uses an exponent below 1e-6 (and above its precision). */
function expandExponent(text: string): string {
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, fraction = '', exponentText] = match;
  const exponent = Number(exponentText);
  const digits = lead + fraction;
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const integerLength = exponent + 1;
  if (digits.length <= integerLength) return sign + digits + '0'.repeat(integerLength - digits.length);
  return `${sign}${digits.slice(0, integerLength)}.${digits.slice(integerLength)}`;
}
