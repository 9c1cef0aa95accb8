import type { ValidationIssue } from '../../../sim-core/api.ts';
import { issueText } from '../../../sim-core/messages/issueText.ts';
import { type Doc, textOf } from '../model/document.ts';
import type { NoticeText } from '../store/uiSlice.ts';
import { type Locale, messageText, translate } from './messages.ts';

/** A notice lists this many issues; the rest are counted. */
const SHOWN_ISSUES = 6;

/**
 * Where an issue is, for a person looking at the canvas: the node or edge by its label (`“Orders
 * DB” · params.replicas`) instead of `nodes[5].params.replicas`; other paths as they are.
 */
export function issueWhere(locale: Locale, doc: Doc, issue: ValidationIssue): string {
  const m = /^(nodes|edges)\[(\d+)\]\.?(.*)$/.exec(issue.path);
  if (!m) return issue.path;
  const [, list, index, rest] = m;
  const item = list === 'nodes' ? doc.nodes[Number(index)] : doc.edges?.[Number(index)];
  if (!item) return issue.path;
  const edgeName = 'source' in item ? `${item.source} → ${item.target}` : item.id;
  const name = textOf(item.label, locale) || edgeName;
  return rest ? `“${name}” · ${rest}` : `“${name}”`;
}

/** A notice in words of `locale`. */
export function noticeText(locale: Locale, what: NoticeText): string {
  if ('key' in what) return translate(locale, what.key, what.vars);
  if ('message' in what) return messageText(locale, what.message);
  if ('text' in what) return what.text;
  const lines = what.issues.slice(0, SHOWN_ISSUES).map((i) => {
    // Named by label only in the document on screen; a refused file's issues keep their paths.
    const where = what.of ? issueWhere(locale, what.of, i) : i.path;
    return `${where ? `${where}: ` : ''}${issueText(locale, i, { owner: what.of === undefined })}`;
  });
  const more = what.issues.length - lines.length;
  if (more > 0) lines.push(translate(locale, 'notice.moreIssues', { count: more }));
  return [...(what.file ? [`${what.file}:`] : []), ...lines].join('\n');
}
