/**
 * Every user-visible string, in English and Simplified Chinese. Keys are checked at compile time:
 * `zhCN` must have exactly the keys of `en`.
 */
import { formatMessage, isCoreCode } from '../../../sim-core/messages/formatMessage.ts';
import type { Message, MessageParam } from '../../../sim-core/messages/Message.ts';
import { en, type MessageKey } from './en.ts';
import { zhCN } from './zhCN.ts';

export { en, type MessageKey, zhCN };

export const LOCALES = { en: 'English', 'zh-CN': '简体中文' } as const;
export type Locale = keyof typeof LOCALES;

const TABLES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

const PLACEHOLDER = /\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g;

/**
 * The message `key` in `locale`, with `{name}` placeholders filled from `vars`; `{name|one|other}`
 * picks the word for the number's plural category (`{runs} {runs|run|runs}`), as the core's messages do.
 */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = TABLES[locale][key] ?? en[key];
  if (!vars) return text;
  const plural = new Intl.PluralRules(locale);
  return text.replace(PLACEHOLDER, (whole, name: string, one?: string, other?: string) => {
    const value = vars[name];
    if (one === undefined) return value === undefined ? whole : String(value);
    return typeof value === 'number' && plural.select(value) === 'one' ? one : (other ?? '');
  });
}

/**
 * A message in words of `locale`: the core's codes by the core's tables, the codes the app words itself
 * (`analysis.*` from the analysis layer, which the CLI words in English) by the app's; a nested message
 * in a parameter in the same way. A code neither knows shows as its code and parameters.
 */
export function messageText(locale: Locale, m: Message): string {
  if (isCoreCode(m.code) || !Object.hasOwn(en, m.code)) return formatMessage(locale, m);
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.params)) vars[name] = paramText(locale, value);
  return translate(locale, m.code as MessageKey, vars);
}

function paramText(locale: Locale, value: MessageParam): string {
  if (value === null) return '–';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return messageText(locale, value as Message);
  return String(value);
}

/** The system language, when it is one we speak; else English. */
export function systemLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    if (lang.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (lang.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}
