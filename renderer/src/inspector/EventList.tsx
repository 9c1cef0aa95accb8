import type { ScenarioEventType } from '../../../sim-core/format/schema.ts';
import { useT } from '../i18n/useT.ts';
import { type Doc, textOf } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { binder, commit } from './bind.ts';
import {
  type DocEvent,
  EVENT_FIELDS,
  EVENT_TYPES,
  type EventField,
  eventOfType,
  eventTargets,
  LASTING,
  newEvent,
} from './events.ts';
import { setDocField, setLocalized } from './fieldPaths.ts';
import type { ItemIssues } from './issuesFor.ts';
import { NumberField } from './NumberField.tsx';
import { Issues } from './Row.tsx';
import { SelectField } from './SelectField.tsx';
import { TextField } from './TextField.tsx';

interface EventListProps {
  doc: Doc;
  /** The problems under `scenario.events`. */
  issues: ItemIssues;
}

const EVENTS = ['scenario', 'events'] as const;

/** How each event field is edited: a target select, or a number with its unit. */
const NUMBER_FIELDS: Partial<
  Record<EventField, { unit?: 'ms' | '×'; percent?: boolean; integer?: boolean }>
> = {
  factor: { unit: '×' },
  count: { integer: true },
  fraction: { percent: true },
  addMs: { unit: 'ms' },
  rate: { percent: true },
  replicas: { integer: true },
  batch: { integer: true },
};

/** The scripted events: one block per event, its fields by type; add and remove. */
export function EventList({ doc, issues }: EventListProps) {
  const t = useT();
  const events = doc.scenario.events ?? [];
  const remove = (index: number) =>
    commit((d) =>
      setDocField(
        d,
        EVENTS,
        (d.scenario.events ?? []).filter((_, i) => i !== index),
      ),
    );
  return (
    <div className="insp-events">
      {events.map((event, i) => (
        <EventBlock
          // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; their place is their identity
          key={i}
          doc={doc}
          event={event}
          index={i}
          issues={issues.within([i])}
          onRemove={() => remove(i)}
        />
      ))}
      {events.length === 0 && <p className="hint">{t('insp.events.none')}</p>}
      <Issues
        messages={issues.rest(
          [],
          events.map((_, i) => [i]),
        )}
      />
      <button
        type="button"
        className="insp-add"
        onClick={() => commit((d) => setDocField(d, EVENTS, [...(d.scenario.events ?? []), newEvent(d)]))}
      >
        {t('insp.events.add')}
      </button>
    </div>
  );
}

interface EventBlockProps {
  doc: Doc;
  event: DocEvent;
  index: number;
  issues: ItemIssues;
  onRemove: () => void;
}

function EventBlock({ doc, event, index, issues, onRemove }: EventBlockProps) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const n = index + 1;
  const prefix = t('insp.events.name', { n });
  const path = [...EVENTS, index];
  const bind = binder(event, issues, (d, p, value) => setDocField(d, [...path, ...p], value));
  const type = event.type as ScenarioEventType;
  const known = EVENT_TYPES.includes(type);
  const fields = known ? EVENT_FIELDS[type] : [];
  const claimed = [['type'], ['atSec'], ['durationSec'], ['label'], ...fields.map((f) => [f])];
  const ms = t('insp.unit.ms');
  return (
    <div className="insp-event">
      <div className="insp-event-head">
        <span>{prefix}</span>
        <button
          type="button"
          className="insp-remove"
          aria-label={t('insp.events.remove', { n })}
          title={t('insp.remove')}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      <SelectField
        prefix={prefix}
        label={t('insp.events.type')}
        value={String(event.type)}
        options={EVENT_TYPES.map((e) => ({ value: e, label: t(`insp.event.${e}`) }))}
        onChange={(v) =>
          commit((d) =>
            setDocField(d, path, eventOfType(d, v as ScenarioEventType, d.scenario.events?.[index])),
          )
        }
        issues={issues.at(['type'])}
      />
      <NumberField prefix={prefix} label={t('insp.events.at')} unit={t('insp.unit.s')} {...bind(['atSec'])} />
      {(LASTING.has(type) || 'durationSec' in event) && (
        <NumberField
          prefix={prefix}
          label={t('insp.events.duration')}
          unit={t('insp.unit.s')}
          placeholder={t('insp.events.untilEnd')}
          {...bind(['durationSec'])}
        />
      )}
      {fields.map((f) => {
        const b = bind([f]);
        if (f === 'target' || f === 'region' || f === 'regionA' || f === 'regionB') {
          // A traffic multiplier without a target applies to every client (the schema's default).
          const fallback = type === 'trafficMultiplier' && f === 'target' ? 'all' : '';
          const value = typeof b.value === 'string' ? b.value : fallback;
          return (
            <SelectField
              key={f}
              prefix={prefix}
              label={t(`insp.events.${f}`)}
              value={value}
              options={eventTargets(doc, type).map((id) => ({
                value: id,
                label: id === 'all' ? t('insp.events.allClients') : id,
              }))}
              onChange={b.onCommit}
              issues={b.issues}
            />
          );
        }
        const spec = NUMBER_FIELDS[f] ?? {};
        return (
          <NumberField
            key={f}
            prefix={prefix}
            label={t(`insp.events.${f}`)}
            unit={spec.unit === 'ms' ? ms : spec.unit}
            percent={spec.percent}
            integer={spec.integer}
            placeholder={
              f === 'batch'
                ? '1'
                : f === 'count' && type === 'restoreInstances'
                  ? t('insp.events.allStopped')
                  : undefined
            }
            {...b}
          />
        );
      })}
      <TextField
        prefix={prefix}
        label={t('insp.label')}
        value={textOf(event.label, locale)}
        issues={issues.at(['label'])}
        onCommit={(text) =>
          commit((d) => {
            const label = d.scenario.events?.[index]?.label;
            return setDocField(d, [...path, 'label'], setLocalized(label, locale, text));
          })
        }
      />
      <Issues messages={issues.rest([], claimed)} />
    </div>
  );
}
