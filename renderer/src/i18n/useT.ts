import { useCallback, useMemo } from 'react';
import { issueText } from '../../../sim-core/messages/issueText.ts';
import type { Message } from '../../../sim-core/messages/Message.ts';
import { countText, msText, percentText } from '../../../sim-core/messages/numberText.ts';
import type { FieldIssue } from '../inspector/issuesFor.ts';
import { useStore } from '../store/store.ts';
import { type MessageKey, messageText, translate } from './messages.ts';

/** `t(key, vars)` in the current UI language. */
export function useT() {
  const locale = useStore((s) => s.locale);
  return useCallback(
    (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars),
    [locale],
  );
}

/** `words(message)`: a core message (validator issue, engine event, run error) in the UI language. */
export function useWords() {
  const locale = useStore((s) => s.locale);
  return useCallback((m: Message) => messageText(locale, m), [locale]);
}

/** `words(issue, percent)`: a validator issue as a field or group shows it, in the UI language. */
export function useIssueWords() {
  const locale = useStore((s) => s.locale);
  return useCallback(
    ({ issue, at }: FieldIssue, percent = false) =>
      (at ? `${at}: ` : '') + issueText(locale, issue, { owner: false, percent }),
    [locale],
  );
}

/** The one number formatter in the UI language: counts, durations in ms, shares as percentages. */
export function useNumbers() {
  const locale = useStore((s) => s.locale);
  return useMemo(
    () => ({
      count: (n: number | null | undefined) => countText(locale, n),
      ms: (n: number | null | undefined) => msText(locale, n),
      percent: (ratio: number | null | undefined) => percentText(locale, ratio),
    }),
    [locale],
  );
}
