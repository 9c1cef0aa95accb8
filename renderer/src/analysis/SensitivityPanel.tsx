import * as Comlink from 'comlink';
import { scaleLinear } from 'd3';
import { useRef } from 'react';
import type { SensitivityResult } from '../../../sim-core/analysis/sensitivity.ts';
import { sensitivityCsv } from '../../../sim-core/analysis/tables.ts';
import { Axis } from '../charts/Axis.tsx';
import { formatTick } from '../charts/format.ts';
import { FONT_PX } from '../charts/geometry.ts';
import { useWidth } from '../charts/useWidth.ts';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { AnalysisForm } from './AnalysisForm.tsx';
import { AnalysisResult } from './AnalysisResult.tsx';
import { AnalysisStatus } from './AnalysisStatus.tsx';
import { stoppedRun } from './analysisRun.ts';
import { runLengthSec, wholeNumber } from './fieldText.ts';
import { JobSlot } from './JobSlot.ts';
import { NumberField, RunLengthField } from './NumberField.tsx';
import { useFields } from './useFields.ts';

const ranking = new JobSlot();

/** Bars the tornado shows: the largest effects. */
const BARS = 8;
const LOW_COLOR = '#1565c0';
const HIGH_COLOR = '#ef6c00';

function startSensitivity(delta: number, seeds: number, durationSec: number | undefined): void {
  const s = useStore.getState();
  const set = s.setSensitivity;
  const doc = s.doc;
  set({ status: 'running', runs: 0, result: null, problem: null, doc });
  const mine = ranking.start(
    (api) =>
      api.sensitivity(
        doc,
        { delta, seeds, durationSec },
        Comlink.proxy((runs: number) => {
          if (ranking.holds(mine)) set({ status: 'running', runs, result: null, problem: null, doc });
        }),
      ),
    (answer) => {
      // Only the current job writes this state: it is still this job's. The answer's count of runs is
      // final; the last progress callback may not have arrived yet.
      const now = useStore.getState().sensitivity;
      set(
        answer.ok
          ? { ...now, status: 'done', runs: answer.value.runs, result: answer.value.result }
          : stoppedRun(now, answer.problem),
      );
    },
  );
}

/**
 * Sensitivity as a tornado: every numeric parameter moved down and up by ±delta on the same seeds
 * (`archsim sensitivity --metric p99`), the largest effects on p99 as bars from the baseline.
 */
export function SensitivityPanel() {
  const t = useT();
  const state = useStore((s) => s.sensitivity);
  const { form, wrong, setWrong, bind } = useFields({ delta: '20', seeds: '3', durationSec: '' });
  const [measure, width] = useWidth<HTMLDivElement>();
  const chartRef = useRef<HTMLDivElement>(null);
  const running = state.status === 'running';
  const result = state.result;
  const run = () => {
    const delta = Number(form.delta) / 100;
    const seeds = wholeNumber(form.seeds, 2, 20);
    const durationSec = runLengthSec(form.durationSec);
    if (!(delta > 0 && delta < 1) || seeds === null || durationSec === null) {
      setWrong(true);
      return;
    }
    startSensitivity(delta, seeds, durationSec);
  };

  const statusWords = {
    idle: t('sensitivity.hint'),
    running: t('limit.searching', { runs: state.runs }),
    runs: state.runs,
    done: result ? t('sensitivity.done', { params: result.effects.length, runs: state.runs }) : null,
  };

  return (
    <div className="analysis-panel">
      <AnalysisForm
        label={t('charts.tab.sensitivity')}
        run={{ label: t('sensitivity.run'), running, start: run, cancel: ranking.cancel }}
        csv={{
          title: t('sensitivity.exportCsvTitle'),
          file: 'archsim-sensitivity.csv',
          text: result ? () => sensitivityCsv(result) : null,
        }}
        png={{ file: 'archsim-sensitivity.png', chart: chartRef, ready: result !== null }}
        invalid={wrong ? t('sensitivity.invalid') : null}
      >
        <div className="analysis-row">
          <NumberField label={t('sensitivity.delta')} small {...bind('delta')} />
          <NumberField label={t('sweep.seeds')} whole small {...bind('seeds')} />
        </div>
        <div className="analysis-row">
          <RunLengthField {...bind('durationSec')} />
        </div>
      </AnalysisForm>
      <AnalysisResult
        from={state.doc}
        shown={result !== null || state.runs > 0}
        staleTestId="sensitivity-stale"
        ref={measure}
      >
        <AnalysisStatus run={state} words={statusWords} testId="sensitivity-status" />
        <div ref={chartRef}>
          {result && (
            <Tornado result={result} width={Math.max(280, width)} title={t('charts.tab.sensitivity')} />
          )}
        </div>
      </AnalysisResult>
    </div>
  );
}

/** Bars from the baseline p99 to p99 at −delta (blue) and +delta (orange), largest effect on top. */
function Tornado({ result, width, title }: { result: SensitivityResult; width: number; title: string }) {
  const locale = useStore((s) => s.locale);
  const effects = result.effects
    .filter((e) => e.atLow.mean !== null && e.atHigh.mean !== null)
    .slice(0, BARS);
  const base = result.baseline.mean ?? 0;
  const labelW = Math.min(220, width * 0.4);
  const rowH = 16;
  const height = 22 + effects.length * rowH;
  const values = effects.flatMap((e) => [e.atLow.mean ?? base, e.atHigh.mean ?? base]);
  const x = scaleLinear()
    .domain([Math.min(base, ...values), Math.max(base, ...values)])
    .range([labelW + 4, width - 12])
    .nice();
  return (
    <svg className="chart-svg analysis-chart" width={width} height={height} role="img" aria-label={title}>
      <title>{title}</title>
      <Axis
        scale={x}
        side="bottom"
        transform={`translate(0,${height - 20})`}
        ticks={4}
        format={(v) => formatTick(locale, v, 'ms')}
      />
      <line x1={x(base)} x2={x(base)} y1={0} y2={height - 20} stroke="#37474f" />
      {effects.map((e, i) => {
        const y = i * rowH + 2;
        const bar = (value: number | null, color: string) => {
          const v = value ?? base;
          return (
            <rect
              x={Math.min(x(v), x(base))}
              y={y}
              width={Math.max(1, Math.abs(x(v) - x(base)))}
              height={rowH - 4}
              fill={color}
              opacity={0.8}
            />
          );
        };
        return (
          <g key={e.path} className="tornado-row">
            <text
              x={labelW}
              y={y + rowH / 2}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize={FONT_PX}
              fill="#263238"
            >
              {e.path.replace(/^nodes\.|^edges\./, '').replace('.params.', ' · ')}
            </text>
            {bar(e.atLow.mean, LOW_COLOR)}
            {bar(e.atHigh.mean, HIGH_COLOR)}
          </g>
        );
      })}
    </svg>
  );
}
