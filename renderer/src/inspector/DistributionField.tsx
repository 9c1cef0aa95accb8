import type { Distribution } from '../../../sim-core/format/distribution.ts';
import { useT } from '../i18n/useT.ts';
import { DIST_FORMS, type DistForm, fieldsOf, formOf, switchForm } from './distributions.ts';
import { removeIn, setIn } from './fieldPaths.ts';
import type { ItemIssues } from './issuesFor.ts';
import { NumberField } from './NumberField.tsx';
import { PercentileRows } from './PercentileRows.tsx';
import { SelectField } from './SelectField.tsx';

export interface DistributionFieldProps {
  label: string;
  prefix?: string;
  value: unknown;
  /** One committed edit: a changed field, or a new form; `undefined` removes an optional distribution. */
  onCommit: (value: Distribution | undefined) => void;
  /** The problems at and below this field. */
  issues: ItemIssues;
  unit?: string;
  /** Offers "none", which removes the key (the engine then uses 0). */
  optional?: boolean;
  /** The mean a new distribution starts from when there is nothing to carry over. */
  fallbackMean?: number;
}

function isDistribution(value: unknown): value is Distribution {
  return (
    typeof value === 'object' && value !== null && typeof (value as { dist?: unknown }).dist === 'string'
  );
}

/**
 * A duration distribution: a select of its form (constant … empirical, lognormal as p50 + p99 or as
 * mean + cv) and the form's own fields. Switching form keeps the mean (see `switchForm`).
 * The form select's accessible name is the label ("Service time"); each field's is the label and the
 * field name ("Service time p50", "Service time mean").
 */
export function DistributionField({
  label,
  prefix,
  value,
  onCommit,
  issues,
  unit = 'ms',
  optional = false,
  fallbackMean,
}: DistributionFieldProps) {
  const t = useT();
  const dist = isDistribution(value) ? value : undefined;
  const form: DistForm | '' = dist && DIST_FORMS.includes(formOf(dist)) ? formOf(dist) : '';
  const fields = form === '' ? [] : fieldsOf(form);
  const options = [
    ...(optional ? [{ value: '', label: t('insp.dist.none') }] : []),
    ...DIST_FORMS.map((f) => ({ value: f as string, label: t(`insp.dist.${f}`) })),
  ];
  const shownAt = form === 'empirical' ? [['percentiles']] : fields.map((f) => [f]);
  const fullLabel = prefix ? `${prefix} ${label}` : label;
  const write = (key: string, v: unknown) => {
    if (!dist) return;
    onCommit(v === undefined ? removeIn(dist, [key]) : setIn(dist, [key], v));
  };
  return (
    <div className="insp-group insp-dist">
      <SelectField
        label={label}
        prefix={prefix}
        value={dist ? form : value === undefined ? '' : String(value)}
        options={options}
        onChange={(v) => onCommit(v === '' ? undefined : switchForm(dist, v as DistForm, fallbackMean))}
        issues={issues.rest([], shownAt)}
      />
      {dist &&
        fields.map((f) => (
          <NumberField
            key={f}
            prefix={fullLabel}
            label={t(`insp.dist.field.${f}`)}
            unit={f === 'cv' ? undefined : f === 'k' ? t('insp.unit.stages') : unit}
            integer={f === 'k'}
            value={(dist as Record<string, unknown>)[f]}
            issues={issues.at([f])}
            onCommit={(v) => write(f, v)}
          />
        ))}
      {dist?.dist === 'empirical' && (
        <PercentileRows
          label={fullLabel}
          unit={unit}
          percentiles={dist.percentiles ?? {}}
          issues={issues.within(['percentiles'])}
          onCommit={(percentiles) => write('percentiles', percentiles)}
        />
      )}
    </div>
  );
}
