import { useT } from '../i18n/useT.ts';
import { type Doc, textOf } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { binder, commit } from './bind.ts';
import { EventList } from './EventList.tsx';
import { setDocField, setLocalized } from './fieldPaths.ts';
import type { ItemIssues } from './issuesFor.ts';
import { NumberField } from './NumberField.tsx';
import { Issues } from './Row.tsx';
import { TextField } from './TextField.tsx';

interface ScenarioFieldsProps {
  doc: Doc;
  /** The document's problems that no node, edge or region view shows (paths from the root). */
  issues: ItemIssues;
}

/** With nothing selected: the document's name and description, the run's settings and its events. */
export function ScenarioFields({ doc, issues }: ScenarioFieldsProps) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const s = t('insp.unit.s');
  const scenario = issues.within(['scenario']);
  const bind = binder(doc.scenario, scenario, (d, path, value) =>
    setDocField(d, ['scenario', ...path], value),
  );
  const localized = (key: 'name' | 'description') => (text: string) =>
    commit((d) => setDocField(d, [key], setLocalized(d[key], locale, text)));
  const claimed = [
    ['name'],
    ['description'],
    ['scenario', 'durationSec'],
    ['scenario', 'warmupSec'],
    ['scenario', 'seed'],
    ['scenario', 'windowSec'],
    ['scenario', 'events'],
  ];
  return (
    <>
      <h3 className="insp-title">{t('insp.document')}</h3>
      <Issues messages={issues.rest([], claimed)} />
      <TextField
        label={t('insp.name')}
        value={textOf(doc.name, locale)}
        placeholder={t('untitled')}
        issues={issues.at(['name'])}
        onCommit={localized('name')}
      />
      <TextField
        label={t('insp.description')}
        value={textOf(doc.description, locale)}
        issues={issues.at(['description'])}
        onCommit={localized('description')}
      />
      <div className="insp-section-title">{t('insp.scenario')}</div>
      <NumberField label={t('insp.durationSec')} unit={s} {...bind(['durationSec'])} />
      <NumberField label={t('insp.warmupSec')} unit={s} placeholder="0" {...bind(['warmupSec'])} />
      <NumberField label={t('seed')} integer placeholder="1" {...bind(['seed'])} />
      <NumberField label={t('insp.windowSec')} unit={s} placeholder="1" {...bind(['windowSec'])} />
      <div className="insp-section-title">{t('insp.events')}</div>
      <EventList doc={doc} issues={scenario.within(['events'])} />
    </>
  );
}
