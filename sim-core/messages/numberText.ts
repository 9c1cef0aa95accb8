import type { CoreLocale } from './formatMessage.ts';

/**
 * The one way numbers are written for people, on the canvas, in charts, tables, the status bar and the
 * CLI: three significant digits, never an exponent, in the language's conventions (Intl's compact
 * notation: `1.23K`, `4.5M` in English; `1234`, `1.23万`, `4.5亿` in Chinese). CSV files are not for
 * people: they keep full precision (`sim-core/export/formatNumber.ts`).
 */

const formats = new Map<string, Intl.NumberFormat>();

function format(locale: CoreLocale, kind: 'compact' | 'percent' | 'plain'): Intl.NumberFormat {
  const key = `${locale}|${kind}`;
  let f = formats.get(key);
  if (f === undefined) {
    const options: Intl.NumberFormatOptions =
      kind === 'compact'
        ? { notation: 'compact', maximumSignificantDigits: 3 }
        : kind === 'percent'
          ? { style: 'percent', maximumSignificantDigits: 3 }
          : { maximumSignificantDigits: 3, useGrouping: false };
    f = new Intl.NumberFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}

const DASH = '–';

/** A count or a rate: `950`, `1.23K`, `12.3K`, `0.5` (zh: `1230`, `1.23万`). `–` for no value. */
export function countText(locale: CoreLocale, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return format(locale, 'compact').format(value);
}

/** A share 0..1 as a percentage: `45.2%`, `0.696%`, `100%`. */
export function percentText(locale: CoreLocale, ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return DASH;
  return format(locale, 'percent').format(ratio);
}

/** A duration given in ms, in the unit that keeps it short: `6.96 µs`, `8.47 ms`, `830 ms`, `4.91 s`. */
export function msText(locale: CoreLocale, valueMs: number | null | undefined): string {
  if (valueMs === null || valueMs === undefined || !Number.isFinite(valueMs)) return DASH;
  const a = Math.abs(valueMs);
  const plain = format(locale, 'plain');
  if (a >= 1000) return `${format(locale, 'compact').format(valueMs / 1000)} s`;
  if (a >= 1 || a === 0) return `${plain.format(valueMs)} ms`;
  return `${plain.format(valueMs * 1000)} µs`;
}

/**
 * A signed change, `+12 ms`, `−3.1%`: `text` words the size. A change that rounds to zero gets no
 * sign ("−0 rps" reads as a loss that is not there).
 */
export function signedText(value: number | null | undefined, text: (size: number) => string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const size = text(Math.abs(value));
  if (value === 0 || /^0(?![\d.,]*[1-9])/.test(size)) return size;
  return `${value > 0 ? '+' : '−'}${size}`;
}
