import { type FormEvent, useRef, useState } from 'react';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/useT.ts';
import { ModalDialog } from '../presets/ModalDialog.tsx';
import { useStore } from '../store/store.ts';
import {
  APP_BUDGETS,
  type FieldCheck,
  MEMORY_UNITS,
  type MemoryUnit,
  memoryInUnit,
  parseBudgetField,
  type RunBudgets,
} from './runBudgets.ts';

const PROBLEM_KEYS = {
  empty: 'budgets.error.empty',
  notNumber: 'budgets.error.notNumber',
  notPositive: 'budgets.error.notPositive',
} as const satisfies Record<string, MessageKey>;

/** The form's fields as typed, from budgets. */
function fieldsOf(budgets: RunBudgets) {
  const memory = memoryInUnit(budgets.maxMemoryBytes);
  return { events: grouped(budgets.maxEvents), memory: String(memory.amount), unit: memory.unit };
}

/** Digits in groups of three, as the field takes them back (1,000,000,000). */
const grouped = (n: number) =>
  Number.isInteger(n) && n < 1e21 ? new Intl.NumberFormat('en-US').format(n) : String(n);

/**
 * The advanced run settings: the event and memory budgets every run is loaded with. Each field says
 * beside it what is wrong with what was typed; Apply stores nothing while a field is wrong. Opened by
 * Simulation ▸ Run Budgets… and by the notice of a run refused for its budget.
 */
export function RunBudgetsDialog() {
  const open = useStore((s) => s.budgetsOpen);
  return open ? <BudgetsForm /> : null;
}

function BudgetsForm() {
  const t = useT();
  const [fields, setFields] = useState(() => fieldsOf(useStore.getState().runBudgets));
  // A field's message shows once it was edited or Apply was pressed, not for the text it opened with.
  const [touched, setTouched] = useState({ events: false, memory: false });
  const eventsRef = useRef<HTMLInputElement>(null);
  const memoryRef = useRef<HTMLInputElement>(null);
  const events = parseBudgetField(fields.events);
  const memory = parseBudgetField(fields.memory);
  const close = () => useStore.getState().setBudgetsOpen(false);
  const defaults = memoryInUnit(APP_BUDGETS.maxMemoryBytes);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched({ events: true, memory: true });
    if (!events.ok) return eventsRef.current?.focus();
    if (!memory.ok) return memoryRef.current?.focus();
    useStore.getState().setRunBudgets({
      maxEvents: events.value,
      maxMemoryBytes: Math.round(memory.value * MEMORY_UNITS[fields.unit]),
    });
    close();
  };

  const problem = (check: FieldCheck, text: string, id: string, shown: boolean) =>
    shown && !check.ok ? (
      <p className="budgets-error" id={id}>
        {t(PROBLEM_KEYS[check.problem], { got: text.trim() })}
      </p>
    ) : null;

  return (
    <ModalDialog
      className="confirm-dialog budgets-dialog"
      labelledBy="budgets-title"
      describedBy="budgets-intro"
      onClose={close}
    >
      <form onSubmit={submit} noValidate>
        <h2 id="budgets-title">{t('budgets.title')}</h2>
        <p id="budgets-intro" className="budgets-intro">
          {t('budgets.intro')}
        </p>
        <div className="budgets-field">
          <label className="budgets-label" htmlFor="budgets-events">
            {t('budgets.events')}
          </label>
          <input
            id="budgets-events"
            ref={eventsRef}
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={fields.events}
            aria-invalid={touched.events && !events.ok}
            aria-describedby="budgets-events-default budgets-events-error"
            onChange={(e) => {
              setFields({ ...fields, events: e.target.value });
              setTouched({ ...touched, events: true });
            }}
          />
          <span className="budgets-default" id="budgets-events-default">
            {t('budgets.default', { value: grouped(APP_BUDGETS.maxEvents) })}
          </span>
          {problem(events, fields.events, 'budgets-events-error', touched.events)}
        </div>
        <div className="budgets-field">
          <label className="budgets-label" htmlFor="budgets-memory">
            {t('budgets.memory')}
          </label>
          <span className="budgets-amount">
            <input
              id="budgets-memory"
              ref={memoryRef}
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              value={fields.memory}
              aria-invalid={touched.memory && !memory.ok}
              aria-describedby="budgets-memory-default budgets-memory-error"
              onChange={(e) => {
                setFields({ ...fields, memory: e.target.value });
                setTouched({ ...touched, memory: true });
              }}
            />
            <select
              aria-label={t('budgets.memoryUnit')}
              value={fields.unit}
              onChange={(e) => setFields({ ...fields, unit: e.target.value as MemoryUnit })}
            >
              {Object.keys(MEMORY_UNITS).map((unit) => (
                <option key={unit} value={unit}>
                  {unit}
                </option>
              ))}
            </select>
          </span>
          <span className="budgets-default" id="budgets-memory-default">
            {t('budgets.default', { value: `${defaults.amount} ${defaults.unit}` })}
          </span>
          {problem(memory, fields.memory, 'budgets-memory-error', touched.memory)}
        </div>
        <p className="budgets-note">{t('budgets.appliesNext')}</p>
        <div className="budgets-actions">
          <button
            type="button"
            className="budgets-restore"
            onClick={() => {
              setFields(fieldsOf(APP_BUDGETS));
              setTouched({ events: false, memory: false });
            }}
          >
            {t('budgets.restore')}
          </button>
          <button type="button" onClick={close}>
            {t('budgets.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('budgets.apply')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
