import { REGION_PREFIX } from '../canvas/flowModel.ts';
import { setDocField, setLocalized, setNodeField } from '../inspector/fieldPaths.ts';
import type { Doc } from '../model/document.ts';

/**
 * The name of canvas item `id` (a node id, or `region:` and a region id) set to `text` in `locale`, as
 * the inspector's Label field sets it; an empty name falls back to the id.
 */
export function renamed(doc: Doc, id: string, text: string, locale: string): Doc {
  if (id.startsWith(REGION_PREFIX)) {
    const regionId = id.slice(REGION_PREFIX.length);
    const index = (doc.regions ?? []).findIndex((r) => r.id === regionId);
    if (index === -1) return doc;
    const label = (doc.regions ?? [])[index].label;
    return setDocField(doc, ['regions', index, 'label'], setLocalized(label, locale, text));
  }
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return doc;
  return setNodeField(doc, id, 'label', setLocalized(node.label, locale, text));
}
