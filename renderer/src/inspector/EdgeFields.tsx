import type { Distribution } from '../../../sim-core/format/distribution.ts';
import { useT } from '../i18n/useT.ts';
import { type Doc, type DocEdge, textOf } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { binder, commit } from './bind.ts';
import { CheckField } from './CheckField.tsx';
import { DistributionField } from './DistributionField.tsx';
import { setEdgeField, setEdgeParam, setLocalized } from './fieldPaths.ts';
import type { ItemIssues } from './issuesFor.ts';
import { NumberField } from './NumberField.tsx';
import { Issues } from './Row.tsx';
import { ScopeField } from './ScopeField.tsx';
import { TextField } from './TextField.tsx';

interface EdgeFieldsProps {
  edge: DocEdge;
  /** The problems under `edges[i]`. */
  issues: ItemIssues;
}

const PARAM_KEYS = [
  'weight',
  'latencyMs',
  'stage',
  'probability',
  'count',
  'required',
  'timeoutMs',
  'retries',
  'circuitBreaker',
  'classes',
];

/** The request classes the clients declare, in document order: what an edge may filter on. */
function declaredClasses(doc: Doc): string[] {
  const out = new Set<string>();
  for (const node of doc.nodes) {
    if (node.kind !== 'client') continue;
    for (const c of node.params.classes ?? []) if (typeof c.id === 'string' && c.id !== '') out.add(c.id);
  }
  return [...out];
}

/** The selected edge: how a caller calls (weight, stage, count…) and its timeouts, retries and breaker. */
export function EdgeFields({ edge, issues }: EdgeFieldsProps) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const declared = declaredClasses(useStore((s) => s.doc));
  const id = edge.id;
  const params = (edge.params ?? {}) as Record<string, unknown>;
  const p = issues.within(['params']);
  const bind = binder(params, p, (doc, path, value) => setEdgeParam(doc, id, path, value));
  const ms = t('insp.unit.ms');
  const latency = bind(['latencyMs']);
  const retries = bind(['retries']);
  const breaker = bind(['circuitBreaker']);
  const classes = (Array.isArray(params.classes) ? params.classes : []) as string[];
  const classOptions = [...declared, ...classes.filter((c) => !declared.includes(c))];
  const toggleClass = (name: string, on: boolean) => {
    const next = on ? [...classes, name] : classes.filter((c) => c !== name);
    bind(['classes']).onCommit(next.length > 0 ? next : undefined);
  };
  const claimed = [['id'], ['source'], ['target'], ['label'], ...PARAM_KEYS.map((k) => ['params', k])];
  return (
    <>
      <h3 className="insp-title">
        {t('insp.edge')} <span className="insp-edge-ends">{`${edge.source} → ${edge.target}`}</span>
      </h3>
      <Issues messages={issues.rest([], claimed)} />
      <TextField label={t('insp.id')} value={id} readOnly onCommit={() => {}} issues={issues.at(['id'])} />
      <Issues messages={[...issues.at(['source']), ...issues.at(['target'])]} />
      <TextField
        label={t('insp.label')}
        value={textOf(edge.label, locale)}
        issues={issues.at(['label'])}
        onCommit={(text) =>
          commit((doc) => {
            const label = doc.edges?.find((e) => e.id === id)?.label;
            return setEdgeField(doc, id, 'label', setLocalized(label, locale, text));
          })
        }
      />
      <NumberField label={t('insp.weight')} placeholder="1" {...bind(['weight'])} />
      <DistributionField
        label={t('insp.latencyMs')}
        unit={ms}
        value={latency.value}
        onCommit={latency.onCommit as (d: Distribution | undefined) => void}
        issues={p.within(['latencyMs'])}
        optional
        fallbackMean={1}
      />
      <NumberField label={t('insp.stage')} integer placeholder="0" {...bind(['stage'])} />
      <NumberField label={t('insp.probability')} percent placeholder="100" {...bind(['probability'])} />
      <NumberField label={t('insp.count')} integer placeholder="1" {...bind(['count'])} />
      <CheckField
        label={t('insp.required')}
        checked={params.required !== false}
        onChange={(on) => bind(['required']).onCommit(on ? undefined : false)}
        issues={p.at(['required'])}
      />
      <NumberField
        label={t('insp.timeoutMs')}
        unit={ms}
        placeholder={t('insp.none')}
        {...bind(['timeoutMs'])}
      />
      <div className="insp-group insp-toggle">
        <CheckField
          label={t('insp.retries')}
          checked={retries.value !== undefined}
          onChange={(on) =>
            retries.onCommit(on ? { max: 2, backoffMs: 50, multiplier: 2, jitter: 0.5 } : undefined)
          }
          issues={p.at(['retries'])}
        />
        {retries.value !== undefined && (
          <>
            <NumberField label={t('insp.retries.max')} integer {...bind(['retries', 'max'])} />
            <NumberField
              label={t('insp.retries.backoff')}
              unit={ms}
              placeholder="0"
              {...bind(['retries', 'backoffMs'])}
            />
            <NumberField
              label={t('insp.retries.multiplier')}
              unit="×"
              placeholder="2"
              {...bind(['retries', 'multiplier'])}
            />
            <NumberField
              label={t('insp.retries.jitter')}
              percent
              placeholder="0"
              {...bind(['retries', 'jitter'])}
            />
            <Issues
              messages={p.rest(['retries'], [['max'], ['backoffMs'], ['multiplier'], ['jitter']], false)}
            />
          </>
        )}
      </div>
      <div className="insp-group insp-toggle">
        <CheckField
          label={t('insp.breaker')}
          checked={breaker.value !== undefined}
          onChange={(on) =>
            breaker.onCommit(on ? { errorRatio: 0.5, minRequests: 20, windowSec: 10, openSec: 5 } : undefined)
          }
          issues={p.at(['circuitBreaker'])}
        />
        {breaker.value !== undefined && (
          <>
            <NumberField
              label={t('insp.breaker.errorRatio')}
              percent
              {...bind(['circuitBreaker', 'errorRatio'])}
            />
            <NumberField
              label={t('insp.breaker.minRequests')}
              integer
              placeholder="20"
              {...bind(['circuitBreaker', 'minRequests'])}
            />
            <NumberField
              label={t('insp.breaker.window')}
              unit={t('insp.unit.s')}
              placeholder="10"
              {...bind(['circuitBreaker', 'windowSec'])}
            />
            <NumberField
              label={t('insp.breaker.open')}
              unit={t('insp.unit.s')}
              placeholder="5"
              {...bind(['circuitBreaker', 'openSec'])}
            />
            <ScopeField words="insp.breakerScope" bound={bind(['circuitBreaker', 'scope'])} />
            <Issues
              messages={p.rest(
                ['circuitBreaker'],
                [['errorRatio'], ['minRequests'], ['windowSec'], ['openSec'], ['scope']],
                false,
              )}
            />
          </>
        )}
      </div>
      <fieldset className="insp-group insp-classes">
        <legend className="insp-group-title">{t('insp.edgeClasses')}</legend>
        {classOptions.length === 0 && <p className="hint">{t('insp.edgeClasses.none')}</p>}
        {classOptions.length > 0 && <p className="hint">{t('insp.edgeClasses.hint')}</p>}
        {classOptions.map((c) => (
          <label key={c} className="insp-check">
            <input
              type="checkbox"
              checked={classes.includes(c)}
              onChange={(e) => toggleClass(c, e.target.checked)}
            />
            {c}
          </label>
        ))}
        <Issues messages={p.rest(['classes'], [])} />
      </fieldset>
    </>
  );
}
