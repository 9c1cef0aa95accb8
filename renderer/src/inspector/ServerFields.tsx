import type { Distribution } from '../../../sim-core/format/distribution.ts';
import { useT } from '../i18n/useT.ts';
import type { Binder } from './bind.ts';
import { CheckField } from './CheckField.tsx';
import { DistributionField } from './DistributionField.tsx';
import type { ItemIssues } from './issuesFor.ts';
import { NumberField } from './NumberField.tsx';
import { Issues } from './Row.tsx';

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

/** A service's or a database's parameters: the shared server fields, then the kind's own. */
export function ServerFields({ kind, params, bind, issues }: ServerFieldsProps) {
  const t = useT();
  const ms = t('insp.unit.ms');
  const s = t('insp.unit.s');
  const serviceTime = bind(['serviceTimeMs']);
  const autoscale = bind(['autoscale']);
  const scaling = autoscale.value !== undefined;
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
          <NumberField label={t('insp.failoverSec')} unit={s} placeholder="0" {...bind(['failoverSec'])} />
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
              <Issues
                messages={issues.rest(
                  ['autoscale'],
                  [['min'], ['max'], ['targetUtilization'], ['evaluateEverySec'], ['provisionSec']],
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
