import { STAGES, type Stage } from '../../../sim-core/format/preset.ts';
import type { Preset } from './catalog.ts';

export interface PresetGroup {
  /** The stage of the story, or 'other' for presets without one. */
  stage: Stage | 'other';
  presets: Preset[];
}

/**
 * The gallery's sections: the stages in story order (startup → trillion), then presets without a
 * stage; empty sections left out. Within a section presets sort by file name, except that an 'after'
 * preset follows its 'before' partner, so each pair sits side by side.
 */
export function groupPresets(presets: readonly Preset[]): PresetGroup[] {
  const sortKey = (p: Preset) => {
    const pair = p.doc.pair;
    const anchor = pair?.side === 'after' && presets.some((q) => q.file === pair.with) ? pair.with : p.file;
    return `${anchor}\u0000${pair?.side === 'after' ? 1 : 0}`;
  };
  const sorted = [...presets].sort((a, b) =>
    sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0,
  );
  const groups: PresetGroup[] = [];
  for (const stage of [...STAGES, 'other'] as const) {
    const members = sorted.filter((p) => (p.stage ?? 'other') === stage);
    if (members.length > 0) groups.push({ stage, presets: members });
  }
  return groups;
}
