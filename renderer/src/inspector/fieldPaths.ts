import type { Doc, DocEdge, DocNode } from '../model/document.ts';

/** A path into a JSON value: keys of objects and indices of arrays (`['retries', 'max']`). */
export type Path = readonly (string | number)[];

type Json = Record<string | number, unknown> | unknown[];

function isContainer(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

/** The value at `path` in `root`, or `undefined` when any step is missing. */
export function getIn(root: unknown, path: Path): unknown {
  let current = root;
  for (const key of path) {
    if (!isContainer(current)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * A copy of `root` with `value` at `path`; only the objects along the path are copied, so everything
 * else keeps its identity. `undefined` removes the key (an array element is set to `undefined` instead:
 * removing rows is the caller's business). Returns `root` itself when nothing changes, so a no-op edit
 * records no undo step. Missing containers along the path are created (as arrays for numeric keys).
 */
export function setIn<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path;
  const container: Json = isContainer(root) ? root : typeof key === 'number' ? [] : {};
  const before = (container as Record<string | number, unknown>)[key];
  const after = setIn(before, rest, value);
  if (Object.is(before, after) && (after !== undefined || !(key in container))) return root;
  if (Array.isArray(container)) {
    const copy = [...container];
    copy[key as number] = after;
    return copy as T;
  }
  const copy: Record<string | number, unknown> = { ...container };
  if (after === undefined) delete copy[key];
  else copy[key] = after;
  return copy as T;
}

/** `setIn(root, path, undefined)`, then drops objects along the path left empty (`keys: {}`). */
export function removeIn<T>(root: T, path: Path): T {
  let out = setIn(root, path, undefined);
  for (let n = path.length - 1; n >= 1; n--) {
    const parent = getIn(out, path.slice(0, n));
    if (!isContainer(parent) || Array.isArray(parent) || Object.keys(parent).length > 0) break;
    out = setIn(out, path.slice(0, n), undefined);
  }
  return out;
}

function writeIn<T>(root: T, path: Path, value: unknown): T {
  return value === undefined ? removeIn(root, path) : setIn(root, path, value);
}

function updateNode(doc: Doc, nodeId: string, update: (node: DocNode) => DocNode): Doc {
  const index = doc.nodes.findIndex((n) => n.id === nodeId);
  if (index < 0) return doc;
  const after = update(doc.nodes[index]);
  if (after === doc.nodes[index]) return doc;
  const nodes = [...doc.nodes];
  nodes[index] = after;
  return { ...doc, nodes };
}

function updateEdge(doc: Doc, edgeId: string, update: (edge: DocEdge) => DocEdge): Doc {
  const edges = doc.edges ?? [];
  const index = edges.findIndex((e) => e.id === edgeId);
  if (index < 0) return doc;
  const after = update(edges[index]);
  if (after === edges[index]) return doc;
  const copy = [...edges];
  copy[index] = after;
  return { ...doc, edges: copy };
}

/**
 * The document with node `nodeId`'s parameter at `path` set to `value`; `undefined` removes it (and a
 * nested object it leaves empty). The document is returned unchanged when the node does not exist or
 * the value is already there.
 */
export function setParam(doc: Doc, nodeId: string, path: Path, value: unknown): Doc {
  return updateNode(doc, nodeId, (node) => {
    const params = writeIn(node.params ?? {}, path, value);
    return params === node.params ? node : ({ ...node, params } as DocNode);
  });
}

export function removeParam(doc: Doc, nodeId: string, path: Path): Doc {
  return setParam(doc, nodeId, path, undefined);
}

/** A node's own field (`label`, `region`); `undefined` removes it. */
export function setNodeField(doc: Doc, nodeId: string, key: 'label' | 'region', value: unknown): Doc {
  return updateNode(doc, nodeId, (node) => writeIn(node, [key], value));
}

/** Like `setParam`, for an edge's parameters. */
export function setEdgeParam(doc: Doc, edgeId: string, path: Path, value: unknown): Doc {
  return updateEdge(doc, edgeId, (edge) => {
    const params = writeIn(edge.params ?? {}, path, value);
    return params === edge.params ? edge : { ...edge, params };
  });
}

export function setEdgeField(doc: Doc, edgeId: string, key: 'label', value: unknown): Doc {
  return updateEdge(doc, edgeId, (edge) => writeIn(edge, [key], value));
}

/** A field anywhere in the document (`['scenario', 'events', 2, 'atSec']`, `['name']`). */
export function setDocField(doc: Doc, path: Path, value: unknown): Doc {
  return writeIn(doc, path, value);
}

type Localized = string | Record<string, string> | undefined;

/**
 * Localized text with the text for `locale` replaced. A plain string stays a plain string; a per-locale
 * object keeps the other locales. An empty text removes it (`undefined` when nothing is left).
 */
export function setLocalized(value: Localized, locale: string, text: string): Localized {
  if (typeof value === 'object' && value !== null) {
    const { [locale]: _, ...others } = value;
    if (text !== '') return { ...others, [locale]: text };
    return Object.keys(others).length > 0 ? others : undefined;
  }
  return text === '' ? undefined : text;
}
