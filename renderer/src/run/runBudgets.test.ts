import { describe, expect, it } from 'vitest';
import { createStore } from '../store/store.ts';
import {
  APP_BUDGETS,
  budgetRaisedFor,
  memoryInUnit,
  type PreferenceStorage,
  parseBudgetField,
  persistRunBudgets,
  RUN_BUDGETS_KEY,
  readRunBudgets,
  writeRunBudgets,
} from './runBudgets.ts';

/** A storage in memory, like localStorage; `failing` makes every call throw (quota, privacy mode). */
function memoryStorage(failing = false): PreferenceStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  const check = () => {
    if (failing) throw new Error('SecurityError');
  };
  return {
    items,
    getItem: (key) => {
      check();
      return items.get(key) ?? null;
    },
    setItem: (key, value) => {
      check();
      items.set(key, value);
    },
    removeItem: (key) => {
      check();
      items.delete(key);
    },
  };
}

describe('a budget field', () => {
  it('takes positive numbers as people write them', () => {
    expect(parseBudgetField('1e11')).toEqual({ ok: true, value: 1e11 });
    expect(parseBudgetField(' 20,000,000 ')).toEqual({ ok: true, value: 20_000_000 });
    expect(parseBudgetField('1 000 000')).toEqual({ ok: true, value: 1e6 });
    expect(parseBudgetField('0.5')).toEqual({ ok: true, value: 0.5 });
  });

  it('refuses what is empty, not a number, or not above 0, saying which', () => {
    expect(parseBudgetField('  ')).toEqual({ ok: false, problem: 'empty' });
    for (const text of ['abc', '1e', '0x10', 'Infinity', '1e999', '5 GiB', '--1'])
      expect(parseBudgetField(text)).toEqual({ ok: false, problem: 'notNumber' });
    for (const text of ['0', '-5', '-1e9', '0e3'])
      expect(parseBudgetField(text)).toEqual({ ok: false, problem: 'notPositive' });
  });
});

describe('a memory budget shown in a unit', () => {
  it('uses GiB when it is a whole or short number of them, MiB otherwise', () => {
    expect(memoryInUnit(2 ** 30)).toEqual({ amount: 1, unit: 'GiB' });
    expect(memoryInUnit(8 * 2 ** 30)).toEqual({ amount: 8, unit: 'GiB' });
    expect(memoryInUnit(1.5 * 2 ** 30)).toEqual({ amount: 1.5, unit: 'GiB' });
    expect(memoryInUnit(512 * 2 ** 20)).toEqual({ amount: 512, unit: 'MiB' });
    expect(memoryInUnit(1000)).toEqual({ amount: 0.001, unit: 'MiB' });
  });
});

describe('stored budgets', () => {
  it('are the app’s own until something is stored, and come back as written', () => {
    const storage = memoryStorage();
    expect(readRunBudgets(storage)).toEqual(APP_BUDGETS);
    expect(APP_BUDGETS).toEqual({ maxEvents: 1e9, maxMemoryBytes: 2 ** 30 });
    const raised = { maxEvents: 1e11, maxMemoryBytes: 8 * 2 ** 30 };
    expect(writeRunBudgets(storage, raised)).toBe(true);
    expect(readRunBudgets(storage)).toEqual(raised);
    // The defaults are not stored: a later change of them reaches this user too.
    expect(writeRunBudgets(storage, { ...APP_BUDGETS })).toBe(true);
    expect(storage.items.has(RUN_BUDGETS_KEY)).toBe(false);
  });

  it('fall back to the app’s, field by field, when what is stored is broken', () => {
    const storage = memoryStorage();
    storage.items.set(RUN_BUDGETS_KEY, 'not json');
    expect(readRunBudgets(storage)).toEqual(APP_BUDGETS);
    storage.items.set(RUN_BUDGETS_KEY, JSON.stringify({ maxEvents: -1, maxMemoryBytes: 2 ** 31 }));
    expect(readRunBudgets(storage)).toEqual({ maxEvents: 1e9, maxMemoryBytes: 2 ** 31 });
    storage.items.set(RUN_BUDGETS_KEY, JSON.stringify({ maxEvents: '1e11', maxMemoryBytes: null }));
    expect(readRunBudgets(storage)).toEqual(APP_BUDGETS);
    storage.items.set(RUN_BUDGETS_KEY, '42');
    expect(readRunBudgets(storage)).toEqual(APP_BUDGETS);
  });

  it('survive a storage that throws or is missing: the app’s budgets, nothing stored', () => {
    expect(readRunBudgets(memoryStorage(true))).toEqual(APP_BUDGETS);
    expect(writeRunBudgets(memoryStorage(true), { maxEvents: 5, maxMemoryBytes: 5 })).toBe(false);
    expect(readRunBudgets(undefined)).toEqual(APP_BUDGETS);
    expect(writeRunBudgets(undefined, { maxEvents: 5, maxMemoryBytes: 5 })).toBe(false);
  });

  it('persist across a reload: what a store is given is in the next store', () => {
    const storage = memoryStorage();
    const before = createStore();
    persistRunBudgets(before, storage);
    before.getState().setRunBudgets({ maxEvents: 1e11, maxMemoryBytes: 2 ** 31 });

    const after = createStore();
    expect(after.getState().runBudgets).toEqual(APP_BUDGETS);
    const stop = persistRunBudgets(after, storage);
    expect(after.getState().runBudgets).toEqual({ maxEvents: 1e11, maxMemoryBytes: 2 ** 31 });
    // Unsubscribed, a change is no longer stored.
    stop();
    after.getState().setRunBudgets({ ...APP_BUDGETS });
    expect(readRunBudgets(storage)).toEqual({ maxEvents: 1e11, maxMemoryBytes: 2 ** 31 });
  });
});

describe('the refusals a budget setting answers', () => {
  it('are those of the event and memory budgets, by code, each naming its budget', () => {
    expect(budgetRaisedFor({ code: 'budget.events', params: {} })).toBe('events');
    expect(budgetRaisedFor({ code: 'budget.eventsExceeded', params: {} })).toBe('events');
    expect(budgetRaisedFor({ code: 'budget.memory', params: {} })).toBe('memory');
    // No budget makes a never-ending run end.
    for (const code of [
      'budget.zeroTimeLoop',
      'budget.unboundedLoop',
      'worker.option',
      'watchdog.unboundedWork',
    ])
      expect(budgetRaisedFor({ code, params: {} })).toBeNull();
  });
});
