import { type FormEvent, type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/useT.ts';
import { ModalDialog } from '../presets/ModalDialog.tsx';
import { useStore } from '../store/store.ts';
import {
  APP_BUDGETS,
  type BudgetField,
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
  const refs = { events: eventsRef, memory: memoryRef };
  const checks = { events: parseBudgetField(fields.events), memory: parseBudgetField(fields.memory) };
  const close = () => useStore.getState().setBudgetsOpen(false);
  const defaults = memoryInUnit(APP_BUDGETS.maxMemoryBytes);

  // Opened from a refusal, the budget it names has the keyboard, its value selected to type over.
  useEffect(() => {
    const first = (useStore.getState().budgetsField === 'memory' ? memoryRef : eventsRef).current;
    first?.focus();
    first?.select();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched({ events: true, memory: true });
    if (!checks.events.ok) return eventsRef.current?.focus();
    if (!checks.memory.ok) return memoryRef.current?.focus();
    useStore.getState().setRunBudgets({
      maxEvents: checks.events.value,
      maxMemoryBytes: Math.round(checks.memory.value * MEMORY_UNITS[fields.unit]),
    });
    close();
  };

  const input = (field: BudgetField) => (
    <BudgetInput
      field={field}
      inputRef={refs[field]}
      text={fields[field]}
      check={checks[field]}
      shown={touched[field]}
      onType={(text) => {
        setFields({ ...fields, [field]: text });
        setTouched({ ...touched, [field]: true });
      }}
    />
  );

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
        <BudgetRow
          field="events"
          label={t('budgets.events')}
          defaultText={t('budgets.default', { value: grouped(APP_BUDGETS.maxEvents) })}
          problem={touched.events ? problemText(t, checks.events, fields.events) : null}
        >
          {input('events')}
        </BudgetRow>
        <BudgetRow
          field="memory"
          label={t('budgets.memory')}
          defaultText={t('budgets.default', { value: `${defaults.amount} ${defaults.unit}` })}
          problem={touched.memory ? problemText(t, checks.memory, fields.memory) : null}
        >
          <span className="budgets-amount">
            {input('memory')}
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
        </BudgetRow>
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

/** What is wrong with a field's text, in words, or null when it is a budget. */
function problemText(t: ReturnType<typeof useT>, check: FieldCheck, text: string): string | null {
  return check.ok ? null : t(PROBLEM_KEYS[check.problem], { got: text.trim() });
}

/** One budget: its label, its control, its default and what is wrong with what was typed. */
function BudgetRow(props: {
  field: BudgetField;
  label: string;
  defaultText: string;
  problem: string | null;
  children: ReactNode;
}) {
  const id = `budgets-${props.field}`;
  return (
    <div className="budgets-field">
      <label className="budgets-label" htmlFor={id}>
        {props.label}
      </label>
      {props.children}
      <span className="budgets-default" id={`${id}-default`}>
        {props.defaultText}
      </span>
      {props.problem !== null && (
        <p className="budgets-error" id={`${id}-error`}>
          {props.problem}
        </p>
      )}
    </div>
  );
}

/** A budget's text field, described by its default and its problem. */
function BudgetInput(props: {
  field: BudgetField;
  inputRef: RefObject<HTMLInputElement | null>;
  text: string;
  check: FieldCheck;
  shown: boolean;
  onType: (text: string) => void;
}) {
  const id = `budgets-${props.field}`;
  return (
    <input
      id={id}
      ref={props.inputRef}
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      value={props.text}
      aria-invalid={props.shown && !props.check.ok}
      aria-describedby={`${id}-default ${id}-error`}
      onChange={(e) => props.onType(e.target.value)}
    />
  );
}
