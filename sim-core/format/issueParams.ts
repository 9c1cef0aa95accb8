import { message } from '../messages/formatMessage.ts';
import type { Message, MessageParam } from '../messages/Message.ts';
import { preview } from './preview.ts';
import type { NodeKind } from './schema.ts';

/** What a value was, for `got`: a number as itself (a percent field shows it scaled), else a preview. */
export function gotOf(value: unknown): MessageParam {
  return typeof value === 'number' && Number.isFinite(value) ? value : preview(value);
}

/** `a service`, `an edge`: a node kind in a sentence. */
export function article(kind: NodeKind | 'edge' | 'all'): Message {
  return message(`a.${kind}`);
}

/** `a, b or c` in words of any language. */
export function orList(items: readonly Message[]): Message {
  if (items.length === 1) return items[0];
  const last = message('list.or', { a: items[items.length - 2], b: items[items.length - 1] });
  return items
    .slice(0, -2)
    .reduceRight<Message>((rest, item) => message('list.comma', { a: item, b: rest }), last);
}
