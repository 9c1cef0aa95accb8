import { entryOf } from '../../../sim-core/results/entryOf.ts';
import type { Summary } from '../../../sim-core/results/types.ts';
import { useT } from '../i18n/useT.ts';
import { textOf } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import type { Scope } from './series.ts';

/** A node's label as the user wrote it (in the UI language), else its id. Returns a string: cheap to compare. */
function useNodeName(id: string | undefined): string {
  return useStore((s) => {
    if (id === undefined) return '';
    const node = s.doc.nodes.find((n) => n.id === id);
    return textOf(node?.label, s.locale) || id;
  });
}

/** "Service checkout" for a node, "Edge api → db" for an edge: which thing the per-node charts show. */
export function useScopeTitle(scope: Scope | null, summary: Summary | null): string {
  const t = useT();
  const edge = scope?.kind === 'edge' ? entryOf(summary?.edges, scope.id) : undefined;
  const name = useNodeName(scope?.kind === 'node' ? scope.id : undefined);
  const source = useNodeName(edge?.source);
  const target = useNodeName(edge?.target);
  if (!scope) return '';
  if (scope.kind === 'edge') {
    return edge
      ? t('charts.edgeTitle', { source, target })
      : t('charts.edgeTitle', { source: scope.id, target: '' });
  }
  const kind = entryOf(summary?.nodes, scope.id)?.kind;
  return kind ? `${t(`kind.${kind}`)} ${name}` : name;
}
