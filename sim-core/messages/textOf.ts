import type { LocalizedText } from '../format/schema.ts';

/** The text of a localized field in `locale`, falling back to English, then to any. */
export function textOf(value: LocalizedText | undefined, locale: string): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value[locale] ?? value.en ?? Object.values(value)[0] ?? '';
}
