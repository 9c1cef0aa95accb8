import type { Distribution } from '../../../sim-core/format/distribution.ts';
import { useT } from '../i18n/useT.ts';
import type { Binder } from './bind.ts';
import { CheckField } from './CheckField.tsx';
import { DistributionField } from './DistributionField.tsx';
import type { ItemIssues } from './issuesFor.ts';
import { NumberField } from './NumberField.tsx';
import { Issues } from './Row.tsx';
import { SelectField } from './SelectField.tsx';

interface ServerFieldsProps {
  kind: 'service' | 'database';
  params: Record<string, unknown>;
  bind: Binder;
  /** The problems under the node's `params`. */
  issues: ItemIssues;
}

/** What a new autoscale group starts with: around the current replica count. */
function defaultAutoscale(replicas: unknown) {
  const n = typeof replicas === 'number' && replicas >= 1 ? Math.round(replicas) : 1;
  return { min: n, max: n * 4, targetUtilization: 0.6 };
}

/**
 * The autoscale group with another policy: the forecast's horizon and history belong to the predictive
 * policy only (the validator refuses them on the reactive one), so they go when it does.
 */
function withPolicy(autoscale: unknown, policy: string): Record<string, unknown> {
  const {
    horizonSec: _horizon,
    historySec: _history,
    ...rest
  } = (autoscale ?? {}) as Record<string, unknown>;
  return policy === 'predictive' ? { ...(autoscale as object), policy } : { ...rest, policy };
}

/** A service's or a database's parameters: the shared server fields, then the kind's own. */
export function ServerFields({ kind, params, bind, issues }: ServerFieldsProps) {
  const t = useT();
  const ms = t('insp.unit.ms');
  const s = t('insp.unit.s');
  const serviceTime = bind(['serviceTimeMs']);
  const autoscale = bind(['autoscale']);
  const scaling = autoscale.value !== undefined;
  const policy = String((autoscale.value as { policy?: unknown } | undefined)?.policy ?? 'reactive');
  const consensus = bind(['consensus']);
  return (
    <>
      {kind === 'service' && (
        <NumberField label={t('insp.replicas')} integer placeholder="1" {...bind(['replicas'])} />
      )}
      {kind === 'database' && (
        <>
          <NumberField label={t('insp.shards')} integer placeholder="1" {...bind(['shards'])} />
          <NumberField
            label={t('insp.replicasPerShard')}
            integer
            placeholder="1"
            {...bind(['replicasPerShard'])}
          />
          <NumberField label={t('insp.readRatio')} percent placeholder="100" {...bind(['readRatio'])} />
          {consensus.value === undefined && (
            <NumberField label={t('insp.failoverSec')} unit={s} placeholder="0" {...bind(['failoverSec'])} />
          )}
          <ConsensusFields bind={bind} issues={issues} />
        </>
      )}
      <NumberField label={t('insp.concurrency')} integer placeholder="1" {...bind(['concurrency'])} />
      <NumberField
        label={t('insp.maxInFlight')}
        integer
        placeholder={t('insp.unlimited')}
        {...bind(['maxInFlight'])}
      />
      <NumberField
        label={t('insp.queueCapacity')}
        unit={t('insp.unit.items')}
        integer
        placeholder={t('insp.unlimited')}
        {...bind(['queueCapacity'])}
      />
      <DistributionField
        label={t('insp.serviceTimeMs')}
        unit={ms}
        value={serviceTime.value}
        onCommit={serviceTime.onCommit as (d: Distribution | undefined) => void}
        issues={issues.within(['serviceTimeMs'])}
      />
      <NumberField label={t('insp.errorRate')} percent placeholder="0" {...bind(['errorRate'])} />
      <NumberField label={t('insp.startupSec')} unit={s} placeholder="0" {...bind(['startupSec'])} />
      <NumberField
        label={t('insp.rateLimitRps')}
        unit={t('insp.unit.rps')}
        placeholder={t('insp.none')}
        {...bind(['rateLimitRps'])}
      />
      {kind === 'service' && (
        <div className="insp-group insp-toggle">
          <CheckField
            label={t('insp.autoscale')}
            checked={scaling}
            onChange={(on) => autoscale.onCommit(on ? defaultAutoscale(params.replicas) : undefined)}
            issues={issues.at(['autoscale'])}
          />
          {scaling && (
            <>
              <NumberField label={t('insp.autoscale.min')} integer {...bind(['autoscale', 'min'])} />
              <NumberField label={t('insp.autoscale.max')} integer {...bind(['autoscale', 'max'])} />
              <NumberField
                label={t('insp.autoscale.target')}
                percent
                {...bind(['autoscale', 'targetUtilization'])}
              />
              <NumberField
                label={t('insp.autoscale.every')}
                unit={s}
                placeholder="15"
                {...bind(['autoscale', 'evaluateEverySec'])}
              />
              <NumberField
                label={t('insp.autoscale.provision')}
                unit={s}
                placeholder="30"
                {...bind(['autoscale', 'provisionSec'])}
              />
              <SelectField
                label={t('insp.autoscale.policy')}
                value={policy}
                options={(['reactive', 'predictive'] as const).map((p) => ({
                  value: p,
                  label: t(`insp.autoscale.policy.${p}`),
                }))}
                onChange={(next) => autoscale.onCommit(withPolicy(autoscale.value, next))}
                issues={issues.at(['autoscale', 'policy'])}
              />
              {policy === 'predictive' && (
                <>
                  <NumberField
                    label={t('insp.autoscale.horizon')}
                    unit={s}
                    placeholder={t('insp.autoscale.horizon.default')}
                    {...bind(['autoscale', 'horizonSec'])}
                  />
                  <NumberField
                    label={t('insp.autoscale.history')}
                    unit={s}
                    placeholder={t('insp.autoscale.history.default')}
                    {...bind(['autoscale', 'historySec'])}
                  />
                </>
              )}
              <Issues
                messages={issues.rest(
                  ['autoscale'],
                  [
                    ['min'],
                    ['max'],
                    ['targetUtilization'],
                    ['evaluateEverySec'],
                    ['provisionSec'],
                    ['policy'],
                    ['horizonSec'],
                    ['historySec'],
                  ],
                  false,
                )}
              />
            </>
          )}
        </div>
      )}
    </>
  );
}

/** A database's shards as Raft groups: the switch, then the election knobs and the routing policies. */
function ConsensusFields({ bind, issues }: { bind: Binder; issues: ItemIssues }) {
  const t = useT();
  const consensus = bind(['consensus']);
  const on = consensus.value !== undefined;
  const latency = bind(['consensus', 'peerLatencyMs']);
  const c = (on ? consensus.value : {}) as Record<string, unknown>;
  return (
    <div className="insp-group insp-toggle">
      <CheckField
        label={t('insp.consensus')}
        checked={on}
        onChange={(yes) => consensus.onCommit(yes ? { heartbeatMs: 100, electionTicks: 10 } : undefined)}
        issues={issues.at(['consensus'])}
      />
      {on && (
        <>
          <NumberField
            label={t('insp.consensus.heartbeatMs')}
            unit={t('insp.unit.ms')}
            placeholder="100"
            {...bind(['consensus', 'heartbeatMs'])}
          />
          <NumberField
            label={t('insp.consensus.electionTicks')}
            placeholder="10"
            {...bind(['consensus', 'electionTicks'])}
          />
          <DistributionField
            label={t('insp.consensus.peerLatencyMs')}
            unit={t('insp.unit.ms')}
            value={latency.value}
            onCommit={latency.onCommit as (d: Distribution | undefined) => void}
            issues={issues.within(['consensus', 'peerLatencyMs'])}
            optional
            fallbackMean={1}
          />
          <SelectField
            label={t('insp.consensus.readPolicy')}
            value={typeof c.readPolicy === 'string' ? c.readPolicy : 'leader'}
            options={(['leader', 'any'] as const).map((p) => ({
              value: p,
              label: t(`insp.consensus.read.${p}`),
            }))}
            onChange={bind(['consensus', 'readPolicy']).onCommit}
            issues={issues.at(['consensus', 'readPolicy'])}
          />
          <SelectField
            label={t('insp.consensus.noLeader')}
            value={typeof c.noLeader === 'string' ? c.noLeader : 'fail'}
            options={(['fail', 'wait'] as const).map((p) => ({
              value: p,
              label: t(`insp.consensus.noLeader.${p}`),
            }))}
            onChange={bind(['consensus', 'noLeader']).onCommit}
            issues={issues.at(['consensus', 'noLeader'])}
          />
          <Issues
            messages={issues.rest(
              ['consensus'],
              [['heartbeatMs'], ['electionTicks'], ['peerLatencyMs'], ['readPolicy'], ['noLeader']],
              false,
            )}
          />
        </>
      )}
    </div>
  );
}
