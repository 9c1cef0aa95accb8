import { type CoreCode, en } from './en.ts';

export type { CoreCode };

import type { Message, MessageParam } from './Message.ts';
import { zhCN } from './zhCN.ts';

/** The languages the core's messages are worded in. */
export const CORE_LOCALES = ['en', 'zh-CN'] as const;
export type CoreLocale = (typeof CORE_LOCALES)[number];

const TABLES: Record<CoreLocale, Record<CoreCode, string>> = { en, 'zh-CN': zhCN };

/**
 * The parameter names of a template: `'{killed} of {of|a|b}, {size:bytes}'` → `'killed' | 'of' |
 * 'size'` (`{mean, cv}` is text).
 */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ?
      | (P extends `${infer Name}|${string}`
          ? Name
          : P extends `${infer Name}:${string}`
            ? Name
            : P extends `${string}${' ' | ','}${string}`
              ? never
              : P)
      | Placeholders<Rest>
  : never;

/** The parameters code `C` takes, read from its English template. */
export type ParamsOf<C extends CoreCode> = Readonly<Record<Placeholders<(typeof en)[C]>, MessageParam>>;

/** A core message, its parameters checked against the English template at compile time. */
export function message<C extends CoreCode>(
  code: C,
  ...params: [Placeholders<(typeof en)[C]>] extends [never] ? [] : [ParamsOf<C>]
): Message<C> {
  return { code, params: params[0] ?? {} };
}

export function isCoreCode(code: string): code is CoreCode {
  return Object.hasOwn(en, code);
}

export interface FormatOptions {
  /** Write every number as a percentage (`0.5` → `50 %`): for fields that show fractions as percent. */
  percent?: boolean;
}

/** `0.07 * 100` → `7`: the shortest text that shows what a person typed, without binary noise. */
function plainNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}

function isMessage(value: MessageParam): value is Message {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Control characters in user text (ids, previews) are shown escaped: a line break in an id must not
// start a new line of a terminal's output.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to escape
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * How a placeholder shows a number. Plain (`{x}`): as typed, since most numbers in messages are values
 * someone wrote (`4294967295`, `0.07`). `{x:count}`: an amount the engine estimated or counted, grouped
 * in thousands to two decimals (`4,800,000,145`), as ten raw digits are not read at a glance.
 * `{x:bytes}`: a size in binary units (`471 KiB`, `1.5 GiB`).
 */
type NumberFormat = 'plain' | 'count' | 'bytes';

function numberText(locale: CoreLocale, value: number, format: NumberFormat): string {
  if (!Number.isFinite(value)) return format === 'plain' ? plainNumber(value) : '–';
  if (format === 'bytes') return bytesText(value);
  if (format === 'count' && Math.abs(value) < 1e21)
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  return plainNumber(value);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** `312 B`, `471 KiB`, `1.5 GiB`: three significant digits at most, never an exponent below 1 ZiB. */
export function bytesText(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits =
    Math.abs(value) >= 1000
      ? value.toExponential(1)
      : Math.abs(value) >= 10
        ? String(Math.round(value))
        : String(Number(value.toFixed(1)));
  return `${digits} ${BYTE_UNITS[unit]}`;
}

function paramText(
  locale: CoreLocale,
  value: MessageParam | undefined,
  options: FormatOptions,
  format: NumberFormat,
): string {
  if (value === undefined || value === null) return '–';
  if (typeof value === 'number')
    return options.percent ? `${plainNumber(value * 100)} %` : numberText(locale, value, format);
  if (typeof value === 'string') return value.replace(CONTROL, (c) => JSON.stringify(c).slice(1, -1));
  if (Array.isArray(value)) return value.map((v) => paramText(locale, v, options, format)).join(', ');
  if (isMessage(value)) return formatMessage(locale, value, options);
  return String(value);
}

const PLACEHOLDER = /\{(\w+)(?::(count|bytes))?(?:\|([^|}]*)\|([^}]*))?\}/g;

/**
 * A message in words of `locale`. A code this table does not know (from a newer core, or a layer
 * that has not added its line yet) is never dropped: it is shown as its code and parameters.
 */
export function formatMessage(locale: CoreLocale, m: Message, options: FormatOptions = {}): string {
  if (!isCoreCode(m.code)) return `${m.code} ${JSON.stringify(m.params)}`;
  const plural = new Intl.PluralRules(locale);
  return TABLES[locale][m.code].replace(
    PLACEHOLDER,
    (_, name: string, format: NumberFormat | undefined, one?: string, other?: string) => {
      const value = m.params[name];
      if (one === undefined) return paramText(locale, value, options, format ?? 'plain');
      return typeof value === 'number' && plural.select(value) === 'one' ? one : (other ?? '');
    },
  );
}

/** The core's locale for a UI or system language tag: Chinese for `zh*`, else English. */
export function coreLocale(tag: string): CoreLocale {
  return tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
