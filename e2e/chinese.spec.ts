import { readdirSync, readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { en as uiEn } from '../renderer/src/i18n/en.ts';
import { zhCN as uiZh } from '../renderer/src/i18n/zhCN.ts';
import { en as coreEn } from '../sim-core/messages/en.ts';
import { zhCN as coreZh } from '../sim-core/messages/zhCN.ts';

/**
 * The Chinese UI is Chinese all the way down: with every preset opened and run to its end, no visible
 * text, accessible name or tooltip is a string of the English tables (the UI's and the core's), and no
 * visible Latin word is one the Chinese tables or the documents do not use themselves. The only
 * entries allowed to read the same in both languages are ids and units (`SAME_IN_BOTH`).
 */
test.use({ locale: 'zh-CN' });

const PRESETS = readdirSync('presets').filter((f) => f.endsWith('.archsim.json'));

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * An English entry as a pattern over visible text: its literal words, any value in each placeholder.
 * Entries with too little English of their own to recognize (`{a} or {b}`, `a {type}`) are left out.
 */
function pattern(template: string): RegExp | null {
  const parts = template.split(/\{\w+(?:\|[^|}]*\|[^}]*)?\}/);
  const words = parts.join(' ').match(/[A-Za-z]{2,}/g) ?? [];
  if (words.join('').length < 4) return null;
  const plural = (m: string) => {
    const forms = /^\{\w+\|([^|}]*)\|([^}]*)\}$/.exec(m);
    return forms ? `(?:${escapeRegExp(forms[1])}|${escapeRegExp(forms[2])})` : '.+?';
  };
  const source = template
    .split(/(\{\w+(?:\|[^|}]*\|[^}]*)?\})/)
    .map((piece, i) => (i % 2 === 1 ? plural(piece) : escapeRegExp(piece)))
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * The entries that read the same in both languages: units, metric and parameter names, the
 * languages' own names, symbols and literal values. Every other entry must be translated.
 */
const SAME_IN_BOTH = [
  'a.all',
  'charts.metric.p50',
  'charts.metric.p90',
  'charts.metric.p99',
  'charts.metric.p999',
  'cmd.sim.speed.times',
  'cmd.view.language.en',
  'cmd.view.language.zh-CN',
  // Symbols and acronyms Chinese engineers write as they are: ρ, CSV, PNG, SLO.
  'estimate.badge',
  'expect.null',
  'insp.dist.field.k',
  'insp.dist.field.p50',
  'insp.dist.field.p99',
  'insp.unit.ms',
  'insp.unit.rps',
  'limit.exportCsv',
  'limit.exportPng',
  'limit.slo',
  'range.above',
  'range.atLeast',
  'range.atMost',
  'range.below',
];

/** The Latin words of a text, without its placeholders: `HTTP`, `p99`, `Redis`. */
function latinWords(text: string): string[] {
  return text.replace(/\{[^}]*\}/g, ' ').match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];
}

/**
 * Latin words a Chinese screen may show: the ones the Chinese tables use (CSV, p99, TTL, ms, …), the
 * ids and Chinese texts of the presets (Redis, HTTP, `api-bj`), and the units the code writes beside
 * numbers.
 */
const ALLOWED_WORDS = new Set<string>(['s', 'rps', 'pp']);
// A menu's access key, (&F), is not shown as such.
for (const text of [...Object.values(uiZh), ...Object.values(coreZh)])
  for (const word of latinWords(text.replace(/\(&\w\)/g, ''))) ALLOWED_WORDS.add(word);
/** Key names in a shortcut (Ctrl+Shift+Z, F5), which keyboards print in Latin letters everywhere. */
const SHORTCUT = /\b(?:Ctrl|Shift|Alt|Cmd)\+\S+|\bF\d{1,2}\b/g;
const DOCUMENT_KEYS = new Set(['zh-CN', 'id', 'source', 'target', 'region', 'label', 'name']);
function addDocumentWords(value: unknown, key = ''): void {
  if (typeof value === 'string') {
    if (DOCUMENT_KEYS.has(key)) for (const w of latinWords(value)) ALLOWED_WORDS.add(w);
  } else if (Array.isArray(value)) {
    for (const item of value) addDocumentWords(item, key);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== 'en') addDocumentWords(v, k);
  }
}

const ENGLISH: { key: string; re: RegExp }[] = [];
for (const [table, zh] of [
  [uiEn, uiZh],
  [coreEn, coreZh],
] as const) {
  for (const [key, text] of Object.entries(table)) {
    if ((zh as Record<string, string>)[key] === text) continue;
    const re = pattern(text);
    if (re) ENGLISH.push({ key, re });
  }
}

/** Every string a person sees or hears: visible text per element, accessible names, tooltips. */
async function shownStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>();
    const add = (s: string | null | undefined) => {
      for (const line of (s ?? '').split('\n')) {
        const t = line.replace(/\s+/g, ' ').trim();
        if (t) out.add(t);
      }
    };
    const visible = (el: Element) => {
      const html = el as HTMLElement;
      if (el.closest('[aria-hidden="true"]') && !el.closest('svg')) return false;
      const style = getComputedStyle(html);
      return style.display !== 'none' && style.visibility !== 'hidden';
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (!visible(el) || el.tagName === 'SCRIPT' || el.tagName === 'STYLE') continue;
      let own = '';
      for (const child of el.childNodes) if (child.nodeType === Node.TEXT_NODE) own += child.textContent;
      add(own);
      add(el.getAttribute('aria-label'));
      add(el.getAttribute('title'));
      add(el.getAttribute('placeholder'));
      add(el.getAttribute('aria-valuetext'));
      if (el.tagName === 'OPTION' || el.tagName === 'title') add(el.textContent);
    }
    return [...out];
  });
}

for (const file of PRESETS) addDocumentWords(JSON.parse(readFileSync(`presets/${file}`, 'utf8')));

/** The shown strings that are English: an entry of the English tables, or a Latin word no Chinese text uses. */
function englishIn(strings: readonly string[]): string[] {
  const found: string[] = [];
  for (const s of strings) {
    const hit = ENGLISH.find((e) => e.re.test(s));
    if (hit) {
      found.push(`${hit.key}: "${s}"`);
      continue;
    }
    const words = latinWords(s.replace(SHORTCUT, ' ')).filter((w) => !ALLOWED_WORDS.has(w));
    if (words.length > 0) found.push(`${words.join(', ')}: "${s}"`);
  }
  return found;
}

test('only ids and units read the same in the English and the Chinese tables', () => {
  const same = [
    ...Object.keys(uiEn).filter(
      (key) => (uiZh as Record<string, string>)[key] === uiEn[key as keyof typeof uiEn],
    ),
    ...Object.keys(coreEn).filter(
      (key) => (coreZh as Record<string, string>)[key] === coreEn[key as keyof typeof coreEn],
    ),
  ].sort();
  expect(same).toEqual(SAME_IN_BOTH);
});

/** Runs at full speed until the end, or for at most `wallMs` (then pauses): long enough for events. */
async function runFor(page: Page, wallMs: number): Promise<void> {
  await page.getByRole('toolbar', { name: '模拟' }).getByRole('combobox').selectOption({ index: 3 });
  await page.getByRole('button', { name: '运行', exact: true }).click();
  const clock = page.getByLabel('模拟时间');
  const done = /^(\d+)\.0 \/ \1 s$/;
  await expect(clock)
    .toHaveText(done, { timeout: wallMs })
    .catch(async () => {
      await page.getByRole('button', { name: '暂停', exact: true }).click();
    });
}

test.describe('the Chinese UI', () => {
  for (const file of PRESETS) {
    test(`shows no English string of the tables: ${file}, loaded, run and selected`, async ({ page }) => {
      test.setTimeout(120_000);
      const name = (JSON.parse(readFileSync(`presets/${file}`, 'utf8')) as { name: Record<string, string> })
        .name['zh-CN'];
      const found: string[] = [];
      const look = async (when: string) => {
        for (const s of englishIn(await shownStrings(page))) found.push(`${when} — ${s}`);
      };
      await page.goto('/');
      const gallery = page.getByRole('dialog', { name: '预设场景' });
      await expect(gallery).toBeVisible();
      await look('gallery');
      await gallery.getByRole('button', { name }).first().click();
      await expect(gallery).toBeHidden();
      await look('loaded');
      await runFor(page, 40_000);
      await look('run');
      // A node, not a region's box (the first in the DOM when there are regions, and mostly under its nodes).
      await page.locator('.react-flow__node:not(.react-flow__node-region)').first().click();
      await look('selected');
      expect(found, 'English strings in the Chinese UI').toEqual([]);
    });
  }
});
