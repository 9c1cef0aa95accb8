import { SimulationError } from '../messages/Message.ts';

/**
 * Parameter paths: `nodes.api.params.replicas`, `edges.e3.params.timeoutMs`,
 * `nodes.api.params.serviceTimeMs.mean`, `scenario.events[0].factor`. Nodes and edges are named by id
 * (ids may contain dots: the longest id that fits wins) or by index (`nodes[2]`). A path resolves
 * against a document into JSON steps, so one resolution serves every point of a sweep.
 */
export type JsonStep = string | number;

/** A document as read from a file: plain JSON. */
export type JsonDoc = Record<string, unknown>;

/**
 * Resolves `path` against `doc` into JSON steps (`['nodes', 2, 'params', 'replicas']`). The last
 * step may be missing in the document (a default left out); every step before it must exist.
 * Throws a `SimulationError`: `analysis.path.syntax`, `analysis.path.noNode`, `analysis.path.noEdge`,
 * `analysis.path.missing` (a step before the last is not there), `analysis.path.notNumber`.
 */
export function resolveParamPath(doc: JsonDoc, path: string): JsonStep[] {
  const steps: JsonStep[] = [];
  let rest = path;
  let current: unknown = doc;
  const fail = (code: string, extra: Record<string, string> = {}): never => {
    throw new SimulationError({ code, params: { path, ...extra } });
  };
  if (path === '' || /\s/.test(path)) fail('analysis.path.syntax');
  while (rest !== '') {
    let step: JsonStep;
    const index = /^\[(\d+)\]/.exec(rest);
    if (index) {
      step = Number(index[1]);
      rest = rest.slice(index[0].length);
    } else {
      const collection = steps.length === 1 && (steps[0] === 'nodes' || steps[0] === 'edges');
      if (collection && Array.isArray(current)) {
        const list = current as { id?: unknown }[];
        const ids = list.map((item) => String(item?.id ?? ''));
        const id = ids
          .filter((candidate) => rest === candidate || rest.startsWith(`${candidate}.`))
          .sort((a, b) => b.length - a.length)[0];
        if (id === undefined) fail(steps[0] === 'nodes' ? 'analysis.path.noNode' : 'analysis.path.noEdge');
        step = ids.indexOf(id as string);
        rest = rest.slice((id as string).length);
      } else {
        const name = /^[^.[\]]+/.exec(rest);
        if (!name) return fail('analysis.path.syntax');
        step = name[0];
        rest = rest.slice(name[0].length);
      }
    }
    if (rest.startsWith('.')) {
      rest = rest.slice(1);
      if (rest === '') fail('analysis.path.syntax');
    } else if (rest !== '' && !rest.startsWith('[')) fail('analysis.path.syntax');
    steps.push(step);
    const last = rest === '';
    const next = current !== null && typeof current === 'object' ? (current as JsonDoc)[step] : undefined;
    if (next === undefined && !last) fail('analysis.path.missing', { step: String(step) });
    current = next;
  }
  if (current !== undefined && typeof current !== 'number') fail('analysis.path.notNumber');
  return steps;
}

/** The value at `steps`, or undefined. */
export function getAt(doc: JsonDoc, steps: readonly JsonStep[]): unknown {
  let current: unknown = doc;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as JsonDoc)[step];
  }
  return current;
}

/** Puts `value` at `steps` in `doc`, in place (the parents exist: `resolveParamPath` checked). */
export function setAt(doc: JsonDoc, steps: readonly JsonStep[], value: number): void {
  let current = doc;
  for (const step of steps.slice(0, -1)) current = current[step] as JsonDoc;
  current[steps[steps.length - 1]] = value;
}

/** A deep copy of a JSON document (plain JSON: no cycles, dates or functions to lose). */
export function cloneDoc<T extends JsonDoc>(doc: T): T {
  return JSON.parse(JSON.stringify(doc)) as T;
}
