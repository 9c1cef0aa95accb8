import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LimitPanel } from '../analysis/LimitPanel.tsx';
import { SensitivityPanel } from '../analysis/SensitivityPanel.tsx';
import { SweepPanel } from '../analysis/SweepPanel.tsx';
import { provideCommand } from '../commands/handlers.ts';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { selectChartData } from './chartData.ts';
import { DeltaTable } from './DeltaTable.tsx';
import { DistributionChart, type DistributionMode } from './DistributionChart.tsx';
import { downloadBlob, serializeCharts, svgBlob, svgToPng } from './exportImage.ts';
import { CHART_HEIGHT, TIMELINE_HEIGHT } from './geometry.ts';
import { LatencyTab } from './LatencyTab.tsx';
import { NodeTab } from './NodeTab.tsx';
import { resolveScope, type Scope } from './series.ts';
import { ThroughputTab } from './ThroughputTab.tsx';
import { useScopeTitle } from './useScopeTitle.ts';
import { useWidth } from './useWidth.ts';

const TABS = ['latency', 'throughput', 'distribution', 'node', 'limit', 'sweep', 'sensitivity'] as const;
type Tab = (typeof TABS)[number];

/**
 * The charts under the canvas: tabs of time charts over a scenario timeline, the latency
 * distribution, and the selected node or edge; a delta table when a run is pinned; SVG/PNG export;
 * and the analysis tabs (Find the limit, Sweep, Sensitivity), which bring their own exports.
 */
export function ChartsPanel() {
  const t = useT();
  const data = useStore(useShallow(selectChartData));
  const selection = useStore((s) => s.selection);
  const [collapsed, setCollapsed] = useState(false);
  const [tab, setTab] = useState<Tab>('latency');
  const [logY, setLogY] = useState(true);
  const [mode, setMode] = useState<DistributionMode>('histogram');
  const [measure, width] = useWidth<HTMLDivElement>();
  const mainRef = useRef<HTMLDivElement | null>(null);

  const results = data.summary ?? data.pinned?.summary ?? null;
  const found = results ? resolveScope(selection, results.nodes, results.edges) : null;
  // Keep the scope object stable while results stream in, so the per-node series memoise on it.
  const scopeKind = found?.kind;
  const scopeId = found?.id;
  const scope = useMemo(
    (): Scope | null => (scopeKind && scopeId !== undefined ? { kind: scopeKind, id: scopeId } : null),
    [scopeKind, scopeId],
  );
  const scopeTitle = useScopeTitle(scope, results);
  const hasData = data.windows.length > 0 || data.pinned !== null;

  const exportAs = async (format: 'svg' | 'png') => {
    const svgs = Array.from(mainRef.current?.querySelectorAll<SVGSVGElement>('svg.chart-svg') ?? []);
    if (svgs.length === 0) return;
    try {
      const { text, width: w, height: h } = serializeCharts(svgs);
      const name = `archsim-${tab === 'node' && scope ? scope.id : tab}`;
      if (format === 'svg') downloadBlob(svgBlob(text), `${name}.svg`);
      else downloadBlob(await svgToPng(text, w, h), `${name}.png`);
    } catch (error) {
      useStore
        .getState()
        .notify('error', { text: `${t('exportChart')}: ${error instanceof Error ? error.message : error}` });
    }
  };

  // The command file.exportChartImage (toolbar's Export menu, File ▸ Export): the PNG of what the panel shows.
  const exportRef = useRef(exportAs);
  exportRef.current = exportAs;
  useEffect(() => provideCommand('file.exportChartImage', () => exportRef.current('png')), []);

  const setRef = useCallback(
    (el: HTMLDivElement | null) => {
      mainRef.current = el;
      measure(el);
    },
    [measure],
  );

  let body: ReactNode = null;
  const analysis = tab === 'limit' || tab === 'sweep' || tab === 'sensitivity';
  if (tab === 'limit') body = <LimitPanel />;
  else if (tab === 'sweep') body = <SweepPanel />;
  else if (tab === 'sensitivity') body = <SensitivityPanel />;
  else if (!hasData) body = <p className="charts-empty">{t('charts.empty')}</p>;
  else if (width > 0) {
    if (tab === 'latency') body = <LatencyTab data={data} width={width} logY={logY} />;
    else if (tab === 'throughput') body = <ThroughputTab data={data} width={width} />;
    else if (tab === 'distribution') {
      body = (
        <DistributionChart
          width={width}
          height={CHART_HEIGHT + TIMELINE_HEIGHT}
          mode={mode}
          histogram={data.summary?.endToEnd.latencyHistogram ?? null}
          latency={data.summary?.endToEnd.latencyMs ?? null}
          pinnedHistogram={data.pinned?.summary.endToEnd.latencyHistogram ?? null}
        />
      );
    } else if (scope) body = <NodeTab data={data} width={width} scope={scope} title={scopeTitle} />;
    else body = <p className="charts-empty">{t('charts.noSelection')}</p>;
  }

  return (
    <section className={`charts${collapsed ? ' collapsed' : ''}`} aria-label={t('charts.title')}>
      <div className="charts-header">
        <button
          type="button"
          className="charts-toggle"
          aria-expanded={!collapsed}
          aria-controls="charts-body"
          title={collapsed ? t('charts.expand') : t('charts.collapse')}
          onClick={() => setCollapsed((c) => !c)}
        >
          <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span> {t('charts.title')}
        </button>
        {!collapsed && (
          <>
            <div className="charts-tabs" role="tablist" aria-label={t('charts.title')}>
              {TABS.map((id) => (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  id={`charts-tab-${id}`}
                  aria-selected={tab === id}
                  aria-controls="charts-tabpanel"
                  className={tab === id ? 'active' : undefined}
                  onClick={() => setTab(id)}
                >
                  {t(`charts.tab.${id}`)}
                </button>
              ))}
            </div>
            {tab === 'latency' && (
              <label className="charts-option">
                <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} />
                {t('charts.logScale')}
              </label>
            )}
            {tab === 'distribution' && (
              <fieldset className="charts-segmented">
                <legend className="visually-hidden">{t('charts.tab.distribution')}</legend>
                {(['histogram', 'cdf'] as const).map((m) => (
                  <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
                    {t(`charts.${m}`)}
                  </button>
                ))}
              </fieldset>
            )}
            {!analysis && (
              <span className="charts-export">
                <span aria-hidden="true">{t('exportChart')}</span>
                {(['svg', 'png'] as const).map((format) => (
                  <button
                    key={format}
                    type="button"
                    disabled={!hasData}
                    aria-label={t('charts.exportAs', { format: format.toUpperCase() })}
                    title={t('charts.exportAs', { format: format.toUpperCase() })}
                    onClick={() => void exportAs(format)}
                  >
                    {format.toUpperCase()}
                  </button>
                ))}
              </span>
            )}
          </>
        )}
      </div>
      {!collapsed && (
        <div className="charts-body" id="charts-body">
          <div
            className="charts-main"
            ref={setRef}
            role="tabpanel"
            id="charts-tabpanel"
            aria-labelledby={`charts-tab-${tab}`}
          >
            {body}
          </div>
          {data.pinned && <DeltaTable pinned={data.pinned} summary={data.summary} />}
        </div>
      )}
    </section>
  );
}
