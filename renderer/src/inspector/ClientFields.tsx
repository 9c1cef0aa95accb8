import type { Distribution } from '../../../sim-core/format/distribution.ts';
import { useT } from '../i18n/useT.ts';
import type { Binder } from './bind.ts';
import { DistributionField } from './DistributionField.tsx';
import type { ItemIssues } from './issuesFor.ts';
import { ListRows } from './ListRows.tsx';
import { NumberField } from './NumberField.tsx';
import { Issues } from './Row.tsx';
import { SelectField } from './SelectField.tsx';

interface ClientFieldsProps {
  params: Record<string, unknown>;
  bind: Binder;
  /** The problems under the node's `params`. */
  issues: ItemIssues;
}

type Point = { atSec?: number; rps?: number };

/** The params with a new arrival, and what it needs to run: users for closed, else a rate. */
function withArrival(params: Record<string, unknown>, arrival: string): Record<string, unknown> {
  const next: Record<string, unknown> = { ...params, arrival };
  if (arrival === 'closed' && next.users === undefined) next.users = 50;
  if (arrival !== 'closed' && next.rateRps === undefined && next.profile === undefined) next.rateRps = 100;
  return next;
}
type RequestClass = { id?: string; weight?: number };

/**
 * A client's parameters. The open-loop fields (rate, profile) show for poisson and constant arrivals,
 * the closed-loop ones (users, think time) for closed; either shows anyway when the file sets it.
 */
export function ClientFields({ params, bind, issues }: ClientFieldsProps) {
  const t = useT();
  const arrival = typeof params.arrival === 'string' ? params.arrival : 'poisson';
  const closed = arrival === 'closed';
  const profile = bind(['profile']);
  const classes = bind(['classes']);
  const think = bind(['thinkTimeMs']);
  const points = (profile.value as Point[] | undefined) ?? [];
  return (
    <>
      <SelectField
        label={t('insp.arrival')}
        value={arrival}
        options={(['poisson', 'constant', 'closed'] as const).map((a) => ({
          value: a,
          label: t(`insp.arrival.${a}`),
        }))}
        onChange={(next) => bind([]).onCommit(withArrival(params, next))}
        issues={issues.at(['arrival'])}
      />
      {(!closed || params.rateRps !== undefined) && (
        <NumberField
          label={t('insp.rateRps')}
          unit={t('insp.unit.rps')}
          placeholder={params.profile ? t('insp.byProfile') : undefined}
          {...bind(['rateRps'])}
        />
      )}
      {(!closed || params.profile !== undefined) && (
        <div className="insp-group">
          <div className="insp-group-title">{t('insp.profile')}</div>
          <ListRows
            rows={points}
            columns={[
              {
                key: 'atSec',
                header: `${t('insp.profile.at')} (${t('insp.unit.s')})`,
                name: (n) => t('insp.profile.atName', { n }),
                type: 'number',
              },
              {
                key: 'rps',
                header: t('insp.unit.rps'),
                name: (n) => t('insp.profile.rpsName', { n }),
                type: 'number',
              },
            ]}
            issues={issues.within(['profile'])}
            onCommit={profile.onCommit}
            newRow={(rows) => {
              const last = rows[rows.length - 1] as Point | undefined;
              return last
                ? { atSec: (last.atSec ?? 0) + 60, rps: last.rps ?? 0 }
                : { atSec: 0, rps: typeof params.rateRps === 'number' ? params.rateRps : 100 };
            }}
            addLabel={t('insp.profile.add')}
            removeLabel={(n) => t('insp.profile.remove', { n })}
          />
          {points.length > 0 && (
            <SelectField
              label={t('insp.interpolation')}
              value={typeof params.interpolation === 'string' ? params.interpolation : 'linear'}
              options={(['linear', 'step'] as const).map((v) => ({
                value: v,
                label: t(`insp.interpolation.${v}`),
              }))}
              onChange={bind(['interpolation']).onCommit}
              issues={issues.at(['interpolation'])}
            />
          )}
        </div>
      )}
      {(closed || params.users !== undefined) && (
        <NumberField label={t('insp.users')} integer placeholder={t('insp.needed')} {...bind(['users'])} />
      )}
      {(closed || think.value !== undefined) && (
        <DistributionField
          label={t('insp.thinkTimeMs')}
          value={think.value}
          onCommit={think.onCommit as (d: Distribution | undefined) => void}
          issues={issues.within(['thinkTimeMs'])}
          optional
          fallbackMean={1000}
        />
      )}
      <NumberField
        label={t('insp.timeoutMs')}
        unit={t('insp.unit.ms')}
        placeholder={t('insp.none')}
        {...bind(['timeoutMs'])}
      />
      <div className="insp-group">
        <div className="insp-group-title">{t('insp.keys')}</div>
        <NumberField
          label={t('insp.keys.count')}
          unit={t('insp.unit.items')}
          integer
          placeholder={t('insp.keys.unique')}
          {...bind(['keys', 'count'])}
        />
        <NumberField label={t('insp.keys.zipfS')} placeholder="0" {...bind(['keys', 'zipfS'])} />
        <Issues messages={issues.rest(['keys'], [['count'], ['zipfS']])} />
      </div>
      <div className="insp-group">
        <div className="insp-group-title">{t('insp.classes')}</div>
        <ListRows
          rows={classes.value as RequestClass[] | undefined}
          columns={[
            { key: 'id', header: t('insp.id'), name: (n) => t('insp.classes.idName', { n }), type: 'text' },
            {
              key: 'weight',
              header: t('insp.weight'),
              name: (n) => t('insp.classes.weightName', { n }),
              type: 'number',
            },
          ]}
          issues={issues.within(['classes'])}
          onCommit={classes.onCommit}
          newRow={(rows) => {
            const taken = new Set(rows.map((r) => r.id));
            let n = rows.length + 1;
            while (taken.has(`class-${n}`)) n++;
            return { id: `class-${n}`, weight: 1 };
          }}
          addLabel={t('insp.classes.add')}
          removeLabel={(n) => t('insp.classes.remove', { n })}
        />
      </div>
    </>
  );
}
