import { useState } from 'react';

/**
 * An analysis form's fields as typed, and what the last Run found wrong with them (`Wrong`: the field
 * at fault, or `true` for the form as a whole). Typing in a field through `bind` clears it.
 */
export function useFields<Form extends { [K in keyof Form]: string }, Wrong extends keyof Form | true = true>(
  initial: Form,
) {
  const [form, setForm] = useState(initial);
  const [wrong, setWrong] = useState<Wrong | null>(null);
  /** A field's text, its setter and whether it is marked wrong, as a NumberField takes them. */
  const bind = (name: keyof Form) => ({
    value: form[name],
    onText: (text: string) => {
      setForm((f) => ({ ...f, [name]: text }));
      setWrong(null);
    },
    invalid: wrong === true || wrong === name,
  });
  return { form, setForm, wrong, setWrong, bind };
}
