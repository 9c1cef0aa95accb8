import type { Budgets } from '../../../sim-core/api.ts';
import { APP_MAX_EVENTS, DEFAULT_BUDGETS } from '../../../sim-core/limits/defaults.ts';
import type { Message } from '../../../sim-core/messages/Message.ts';

/**
 * The run budgets the app gives the worker with every load (its advanced run settings): an event
 * budget and a memory budget. They are a preference of this app, not of a document, so they live in
 * local storage and survive a reload; the storage is injected so the logic runs in unit tests.
 */

export type RunBudgets = Required<Budgets>;

/** The app's own budgets, which "Restore defaults" brings back. */
export const APP_BUDGETS: Readonly<RunBudgets> = {
  maxEvents: APP_MAX_EVENTS,
  maxMemoryBytes: DEFAULT_BUDGETS.maxMemoryBytes,
};

/** The key of the stored budgets; the suffix is the format's version, bumped if its shape changes. */
export const RUN_BUDGETS_KEY = 'archsim.runBudgets.v1';

/** The units the memory budget is given in, in bytes. */
export const MEMORY_UNITS = { MiB: 2 ** 20, GiB: 2 ** 30 } as const;
export type MemoryUnit = keyof typeof MEMORY_UNITS;

/** The part of `Storage` the budgets need: localStorage fits. Any method may throw (quota, privacy mode). */
export interface PreferenceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Why a budget field's text is refused; each has its sentence beside the field. */
export type FieldProblem = 'empty' | 'notNumber' | 'notPositive';

export type FieldCheck = { ok: true; value: number } | { ok: false; problem: FieldProblem };

/**
 * A budget field's text as a positive number: digits with an optional exponent (`1e11`), thousands
 * separated by spaces, commas or underscores as people write them (`20,000,000`).
 */
export function parseBudgetField(text: string): FieldCheck {
  const plain = text.trim().replace(/[\s,_]/g, '');
  if (plain === '') return { ok: false, problem: 'empty' };
  // Number() alone would take '0x10' and 'Infinity': a budget is written in decimal.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(plain)) return { ok: false, problem: 'notNumber' };
  const value = Number(plain);
  if (!Number.isFinite(value)) return { ok: false, problem: 'notNumber' };
  if (!(value > 0)) return { ok: false, problem: 'notPositive' };
  return { ok: true, value };
}

/** A memory budget in the largest unit that shows it without a long fraction (1 GiB, 512 MiB). */
export function memoryInUnit(bytes: number): { amount: number; unit: MemoryUnit } {
  const gib = bytes / MEMORY_UNITS.GiB;
  if (gib >= 1 && Number.isInteger(gib * 100)) return { amount: gib, unit: 'GiB' };
  return { amount: Math.round((bytes / MEMORY_UNITS.MiB) * 1000) / 1000, unit: 'MiB' };
}

/** The stored budgets, each one that is missing or not a positive number replaced by the app's. */
export function readRunBudgets(storage: PreferenceStorage | undefined): RunBudgets {
  let text: string | null = null;
  try {
    text = storage?.getItem(RUN_BUDGETS_KEY) ?? null;
  } catch {
    return { ...APP_BUDGETS };
  }
  if (text === null) return { ...APP_BUDGETS };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ...APP_BUDGETS };
  }
  const stored = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const pick = (field: keyof RunBudgets) => {
    const v = stored[field];
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : APP_BUDGETS[field];
  };
  return { maxEvents: pick('maxEvents'), maxMemoryBytes: pick('maxMemoryBytes') };
}

/**
 * Stores the budgets (the app's own remove the entry, so a later change of the defaults reaches this
 * user too). Returns false when the storage refused.
 */
export function writeRunBudgets(storage: PreferenceStorage | undefined, budgets: RunBudgets): boolean {
  if (storage === undefined) return false;
  try {
    if (isDefault(budgets)) storage.removeItem(RUN_BUDGETS_KEY);
    else storage.setItem(RUN_BUDGETS_KEY, JSON.stringify(budgets));
    return true;
  } catch {
    return false;
  }
}

export const isDefault = (b: RunBudgets) =>
  b.maxEvents === APP_BUDGETS.maxEvents && b.maxMemoryBytes === APP_BUDGETS.maxMemoryBytes;

/** What the budget persistence reads from the store: zustand's `getState`/`subscribe` fit. */
export interface BudgetSource {
  getState(): { runBudgets: RunBudgets; setRunBudgets(budgets: RunBudgets): void };
  subscribe(
    listener: (state: { runBudgets: RunBudgets }, previous: { runBudgets: RunBudgets }) => void,
  ): () => void;
}

/** Puts the stored budgets into the store and stores every later change. Returns the unsubscribe. */
export function persistRunBudgets(store: BudgetSource, storage: PreferenceStorage | undefined): () => void {
  store.getState().setRunBudgets(readRunBudgets(storage));
  return store.subscribe((s, prev) => {
    if (s.runBudgets !== prev.runBudgets) writeRunBudgets(storage, s.runBudgets);
  });
}

/** localStorage, or nothing where the browser forbids it (storage disabled, some privacy modes throw). */
export function localPreferences(): PreferenceStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** A field of the run budgets setting. */
export type BudgetField = 'events' | 'memory';

/**
 * The refusals a higher budget would let through, and the budget each one names: their notices offer
 * the run budgets setting, opened at that field.
 */
const BUDGET_OF: Readonly<Record<string, BudgetField>> = {
  'budget.events': 'events',
  'budget.eventsExceeded': 'events',
  'budget.memory': 'memory',
};

/** The budget whose raise would let the run refused with `m` through, or null (no budget would). */
export const budgetRaisedFor = (m: Message): BudgetField | null =>
  Object.hasOwn(BUDGET_OF, m.code) ? BUDGET_OF[m.code] : null;
