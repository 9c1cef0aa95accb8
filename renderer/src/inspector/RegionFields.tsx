import { useState } from 'react';
import type { Distribution } from '../../../sim-core/format/distribution.ts';
import { useT } from '../i18n/useT.ts';
import { type Doc, textOf } from '../model/document.ts';
import { useStore } from '../store/store.ts';
import { commit } from './bind.ts';
import { DistributionField } from './DistributionField.tsx';
import { setDocField, setLocalized } from './fieldPaths.ts';
import { ItemIssues, type PathIssue } from './issuesFor.ts';
import { Issues } from './Row.tsx';
import { regionIdProblem, regionLatencyIndex, renameRegion, setRegionLatency } from './regionEdits.ts';
import { TextField } from './TextField.tsx';

interface RegionFieldsProps {
  doc: Doc;
  regionId: string;
  /** Every issue of the document: a region's view also shows its latency entries' problems. */
  issues: readonly PathIssue[];
}

/** The selected region: its id (renaming updates every reference), label, and latency to each other region. */
export function RegionFields({ doc, regionId, issues }: RegionFieldsProps) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const [idProblem, setIdProblem] = useState<string | null>(null);
  const regions = doc.regions ?? [];
  const index = regions.findIndex((r) => r.id === regionId);
  if (index < 0) return null;
  const region = regions[index];
  const own = new ItemIssues(issues, ['regions', index]);
  const rename = (to: string) => {
    const problem = regionIdProblem(useStore.getState().doc, regionId, to);
    setIdProblem(problem && t(`insp.regionId.${problem}`));
    if (problem) return;
    commit((d) => renameRegion(d, regionId, to));
    useStore.getState().select([`region:${to}`]);
  };
  return (
    <>
      <h3 className="insp-title kind-region">{t('kind.region')}</h3>
      <Issues messages={own.rest([], [['id'], ['label']])} />
      <TextField
        label={t('insp.id')}
        value={regionId}
        onCommit={rename}
        issues={[...(idProblem ? [idProblem] : []), ...own.at(['id'])]}
      />
      <TextField
        label={t('insp.label')}
        value={textOf(region.label, locale)}
        placeholder={regionId}
        issues={own.at(['label'])}
        onCommit={(text) =>
          commit((d) => setDocField(d, ['regions', index, 'label'], setLocalized(region.label, locale, text)))
        }
      />
      <div className="insp-section-title">{t('insp.regionLatency')}</div>
      <p className="hint">{t('insp.regionLatency.hint')}</p>
      {regions.length < 2 && <p className="hint">{t('insp.regionLatency.none')}</p>}
      {regions
        .filter((r) => r.id !== regionId)
        .map((other) => {
          const k = regionLatencyIndex(doc, regionId, other.id);
          const entry = k >= 0 ? new ItemIssues(issues, ['regionLatencyMs', k]) : new ItemIssues([], []);
          return (
            <div key={other.id}>
              <DistributionField
                label={t('insp.latencyTo', { region: other.id })}
                unit={t('insp.unit.ms')}
                value={k >= 0 ? doc.regionLatencyMs?.[k].latencyMs : undefined}
                onCommit={(d: Distribution | undefined) =>
                  commit((doc) => setRegionLatency(doc, regionId, other.id, d))
                }
                issues={entry.within(['latencyMs'])}
                optional
                fallbackMean={50}
              />
              <Issues messages={entry.rest([], [['latencyMs']])} />
            </div>
          );
        })}
    </>
  );
}
