import type { ValidationIssue } from '../api.ts';
import { type CoreLocale, type FormatOptions, formatMessage, message } from './formatMessage.ts';

export interface IssueTextOptions extends FormatOptions {
  /** Name the node or edge the issue sits in (default): off beside the field, where it is clear. */
  owner?: boolean;
}

/** A validator issue in words of `locale`: `must be an integer ≥ 1, got -2 (node "api")`. */
export function issueText(
  locale: CoreLocale,
  issue: ValidationIssue,
  options: IssueTextOptions = {},
): string {
  const parts = [formatMessage(locale, issue, options)];
  if (issue.guess !== undefined)
    parts.push(formatMessage(locale, message('issue.didYouMean', { guess: issue.guess })));
  if (issue.owner && options.owner !== false) {
    const { list, id } = issue.owner;
    parts.push(formatMessage(locale, message(list === 'nodes' ? 'issue.inNode' : 'issue.inEdge', { id })));
  }
  return parts.join(locale === 'zh-CN' ? '' : ' ');
}

/** `nodes[1].params.replicas: must be …`: an issue on one line, as the CLI and file errors list them. */
export function issueLine(locale: CoreLocale, issue: ValidationIssue): string {
  return `${issue.path ? `${issue.path}: ` : ''}${issueText(locale, issue)}`;
}
