import type { ValidationIssue, ValidationResult } from '../api.ts';
import { issueText } from '../messages/issueText.ts';

/** Issues as the CLI words them in English: `{ path, message }`, for tests of the wording. */
export function worded(issues: readonly ValidationIssue[]): { path: string; message: string }[] {
  return issues.map((issue) => ({ path: issue.path, message: issueText('en', issue) }));
}

/** The English-worded issues of a result, `[]` when it is valid. */
export function wordedIssues(result: ValidationResult): { path: string; message: string }[] {
  return result.ok ? [] : worded(result.issues);
}
