import { useCallback } from 'react';
import { useStore } from '../store/store.ts';
import { type MessageKey, translate } from './messages.ts';

/** `t(key, vars)` in the current UI language. */
export function useT() {
  const locale = useStore((s) => s.locale);
  return useCallback(
    (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars),
    [locale],
  );
}
