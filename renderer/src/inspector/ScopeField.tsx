import { INSTANCE_SCOPES } from '../../../sim-core/format/schema.ts';
import { useT } from '../i18n/useT.ts';
import type { Bound } from './bind.ts';
import { SelectField } from './SelectField.tsx';

export interface ScopeFieldProps {
  /** The words of the field: its label, and one option label per scope under it. */
  words: 'insp.cacheScope' | 'insp.breakerScope';
  /** The `scope` key of a cache's or a circuit breaker's parameters. */
  bound: Bound;
}

/** Whose a cache or a circuit breaker is: `shared` (the default, stored as no key) or `perInstance`. */
export function ScopeField({ words, bound }: ScopeFieldProps) {
  const t = useT();
  return (
    <SelectField
      label={t(words)}
      value={typeof bound.value === 'string' ? bound.value : 'shared'}
      options={INSTANCE_SCOPES.map((s) => ({ value: s, label: t(`${words}.${s}`) }))}
      onChange={(value) => bound.onCommit(value === 'shared' ? undefined : value)}
      issues={bound.issues}
    />
  );
}
