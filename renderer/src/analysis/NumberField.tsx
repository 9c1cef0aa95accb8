import { useT } from '../i18n/useT.ts';

interface NumberFieldProps {
  label: string;
  /** The text as typed. */
  value: string;
  onText: (text: string) => void;
  /** Marks the field as the one the last Run found wrong. */
  invalid: boolean;
  /** A whole number (seeds, counts): the numeric keypad on touch screens; else decimals. */
  whole?: boolean;
  /** A box for two or three digits. */
  small?: boolean;
  placeholder?: string;
  /** The label after the box ("5 points"), not before it. */
  labelAfter?: boolean;
}

/** A number typed into an analysis form, in its label; the panel parses the text when it runs. */
export function NumberField(props: NumberFieldProps) {
  const {
    label,
    value,
    onText,
    invalid,
    whole = false,
    small = false,
    placeholder,
    labelAfter = false,
  } = props;
  return (
    <label>
      {labelAfter ? null : label}
      <input
        className={small ? 'analysis-small' : 'analysis-number'}
        inputMode={whole ? 'numeric' : 'decimal'}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onText(e.target.value)}
        aria-invalid={invalid}
      />
      {labelAfter ? label : null}
    </label>
  );
}

/** The simulated length of each run, in seconds; empty for the scenario's own. */
export function RunLengthField(props: Pick<NumberFieldProps, 'value' | 'onText' | 'invalid'>) {
  const t = useT();
  return <NumberField label={t('limit.duration')} placeholder={t('limit.durationScenario')} {...props} />;
}
