/**
 * The entry for `id` in a result record keyed by ids (`summary.nodes`, `window.edges`), or undefined:
 * never a property the record inherits, so an id like `constructor` or `toString` that a record lacks
 * reads as missing whatever the record's prototype (after a structured clone from the worker it has one).
 */
export function entryOf<T>(record: Readonly<Record<string, T>> | undefined, id: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, id) ? record[id] : undefined;
}
