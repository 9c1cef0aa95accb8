import type { ReactNode } from 'react';
import type { Distribution } from '../../../sim-core/format/distribution.ts';
import {
  cacheParams,
  clientParams,
  databaseParams,
  LB_POLICIES,
  loadBalancerParams,
  type NodeKind,
  poolParams,
  queueParams,
  serviceParams,
} from '../../../sim-core/format/schema.ts';
import { useT } from '../i18n/useT.ts';
import { type DocNode, textOf } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { type Binder, binder, commit } from './bind.ts';
import { CheckField } from './CheckField.tsx';
import { ClientFields } from './ClientFields.tsx';
import { DistributionField } from './DistributionField.tsx';
import { setLocalized, setNodeField, setParam } from './fieldPaths.ts';
import type { ItemIssues } from './issuesFor.ts';
import { NumberField } from './NumberField.tsx';
import { Issues } from './Row.tsx';
import { ScopeField } from './ScopeField.tsx';
import { SelectField } from './SelectField.tsx';
import { ServerFields } from './ServerFields.tsx';
import { TextField } from './TextField.tsx';

/** Every parameter each kind has: the inspector shows a field for each, so their issues go there. */
const PARAM_KEYS: Record<NodeKind, readonly string[]> = {
  client: Object.keys(clientParams.shape),
  loadBalancer: Object.keys(loadBalancerParams.shape),
  service: Object.keys(serviceParams.shape),
  pool: Object.keys(poolParams.shape),
  cache: Object.keys(cacheParams.shape),
  queue: Object.keys(queueParams.shape),
  database: Object.keys(databaseParams.shape),
};

interface NodeFieldsProps {
  node: DocNode;
  /** The problems under `nodes[i]`. */
  issues: ItemIssues;
}

/** The selected node: id, label, region, then every parameter of its kind. */
export function NodeFields({ node, issues }: NodeFieldsProps) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const regions = useStore((s) => s.doc.regions);
  const id = node.id;
  const params = (node.params ?? {}) as Record<string, unknown>;
  const paramIssues = issues.within(['params']);
  const bind = binder(params, paramIssues, (doc, path, value) => setParam(doc, id, path, value));
  const claimed = [['id'], ['label'], ['region'], ...(PARAM_KEYS[node.kind] ?? []).map((k) => ['params', k])];
  return (
    <>
      <h3 className={`insp-title kind-${node.kind}`}>{t(`kind.${node.kind}`)}</h3>
      <Issues messages={issues.rest([], claimed)} />
      <TextField label={t('insp.id')} value={id} readOnly onCommit={() => {}} issues={issues.at(['id'])} />
      <TextField
        label={t('insp.label')}
        value={textOf(node.label, locale)}
        placeholder={id}
        issues={issues.at(['label'])}
        onCommit={(text) =>
          commit((doc) => {
            const label = doc.nodes.find((n) => n.id === id)?.label;
            return setNodeField(doc, id, 'label', setLocalized(label, locale, text));
          })
        }
      />
      <SelectField
        label={t('insp.region')}
        value={node.region ?? ''}
        options={[
          { value: '', label: t('insp.noRegion') },
          ...(regions ?? []).map((r) => ({ value: r.id, label: textOf(r.label, locale) || r.id })),
        ]}
        onChange={(v) => commit((doc) => setNodeField(doc, id, 'region', v === '' ? undefined : v))}
        issues={issues.at(['region'])}
      />
      <KindFields kind={node.kind} params={params} bind={bind} issues={paramIssues} />
    </>
  );
}

interface KindFieldsProps {
  kind: NodeKind;
  params: Record<string, unknown>;
  bind: Binder;
  issues: ItemIssues;
}

function KindFields({ kind, params, bind, issues }: KindFieldsProps) {
  const t = useT();
  const dist = (key: string, label: string, fallbackMean: number) => {
    const b = bind([key]);
    return (
      <DistributionField
        label={label}
        unit={t('insp.unit.ms')}
        value={b.value}
        onCommit={b.onCommit as (d: Distribution | undefined) => void}
        issues={issues.within([key])}
        optional
        fallbackMean={fallbackMean}
      />
    );
  };
  switch (kind) {
    case 'client':
      return <ClientFields params={params} bind={bind} issues={issues} />;
    case 'service':
    case 'database':
      return <ServerFields kind={kind} params={params} bind={bind} issues={issues} />;
    case 'loadBalancer':
      return (
        <>
          <SelectField
            label={t('insp.policy')}
            value={typeof params.policy === 'string' ? params.policy : 'roundRobin'}
            options={LB_POLICIES.map((p) => ({ value: p, label: t(`insp.policy.${p}`) }))}
            onChange={bind(['policy']).onCommit}
            issues={issues.at(['policy'])}
          />
          {dist('overheadMs', t('insp.overheadMs'), 0.5)}
          <NumberField
            label={t('insp.healthCheckIntervalSec')}
            unit={t('insp.unit.s')}
            placeholder={t('insp.off')}
            {...bind(['healthCheckIntervalSec'])}
          />
          <NumberField
            label={t('insp.healthCheckTimeoutMs')}
            unit={t('insp.unit.ms')}
            placeholder="0"
            {...bind(['healthCheckTimeoutMs'])}
          />
          <NumberField
            label={t('insp.unhealthyThreshold')}
            integer
            placeholder="1"
            {...bind(['unhealthyThreshold'])}
          />
          <NumberField
            label={t('insp.healthyThreshold')}
            integer
            placeholder="1"
            {...bind(['healthyThreshold'])}
          />
          <NumberField
            label={t('insp.rateLimitRps')}
            unit={t('insp.unit.rps')}
            placeholder={t('insp.none')}
            {...bind(['rateLimitRps'])}
          />
          <NumberField
            label={t('insp.burst')}
            unit={t('insp.unit.requests')}
            integer
            placeholder={t('insp.none')}
            {...bind(['burst'])}
          />
        </>
      );
    case 'pool':
      return (
        <>
          <NumberField label={t('insp.maxConnections')} integer {...bind(['maxConnections'])} />
          <NumberField
            label={t('insp.acquireTimeoutMs')}
            unit={t('insp.unit.ms')}
            placeholder={t('insp.none')}
            {...bind(['acquireTimeoutMs'])}
          />
        </>
      );
    case 'cache':
      return <CacheFields params={params} bind={bind} dist={dist} />;
    case 'queue':
      return (
        <>
          <NumberField
            label={t('insp.capacity')}
            unit={t('insp.unit.items')}
            integer
            placeholder={t('insp.unlimited')}
            {...bind(['capacity'])}
          />
          {dist('ackLatencyMs', t('insp.ackLatencyMs'), 2)}
          <NumberField label={t('insp.maxRetries')} integer placeholder="0" {...bind(['maxRetries'])} />
          <NumberField
            label={t('insp.retryDelayMs')}
            unit={t('insp.unit.ms')}
            placeholder="0"
            {...bind(['retryDelayMs'])}
          />
        </>
      );
    default: {
      const never: never = kind;
      return never;
    }
  }
}

interface CacheFieldsProps {
  params: Record<string, unknown>;
  bind: Binder;
  dist: (key: string, label: string, fallbackMean: number) => ReactNode;
}

/**
 * A cache is either a fixed hit ratio or an LRU of a capacity (the file takes exactly one); switching
 * mode replaces the one with the other in one step. A file that gives both shows both, with the
 * validator's message, so the user can clear one. Only an LRU has a scope (shared, or one per caller
 * instance): the fixed mode drops it, and shows a scope the file still gives, with its message.
 */
function CacheFields({ params, bind, dist }: CacheFieldsProps) {
  const t = useT();
  const fixed = params.hitRatio !== undefined && params.capacity === undefined;
  const scope = bind(['scope']);
  const setMode = (mode: string) =>
    bind([]).onCommit(
      mode === 'fixed'
        ? { ...without(params, ['capacity', 'ttlSec', 'scope']), hitRatio: 0.9 }
        : { ...without(params, ['hitRatio']), capacity: 10000 },
    );
  return (
    <>
      <SelectField
        label={t('insp.cacheMode')}
        value={fixed ? 'fixed' : 'lru'}
        options={[
          { value: 'fixed', label: t('insp.cacheMode.fixed') },
          { value: 'lru', label: t('insp.cacheMode.lru') },
        ]}
        onChange={setMode}
      />
      {(fixed || params.hitRatio !== undefined) && (
        <NumberField label={t('insp.hitRatio')} percent {...bind(['hitRatio'])} />
      )}
      {!fixed && (
        <>
          <NumberField
            label={t('insp.capacity')}
            unit={t('insp.unit.items')}
            integer
            {...bind(['capacity'])}
          />
          <NumberField
            label={t('insp.ttlSec')}
            unit={t('insp.unit.s')}
            placeholder={t('insp.none')}
            {...bind(['ttlSec'])}
          />
        </>
      )}
      {(!fixed || scope.value !== undefined) && <ScopeField words="insp.cacheScope" bound={scope} />}
      {dist('hitLatencyMs', t('insp.hitLatencyMs'), 1)}
      <CheckField
        label={t('insp.coalesceMisses')}
        checked={params.coalesceMisses === true}
        onChange={(on) => bind(['coalesceMisses']).onCommit(on ? true : undefined)}
      />
    </>
  );
}

function without(params: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => !keys.includes(k)));
}
