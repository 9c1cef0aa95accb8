import * as Comlink from 'comlink';
import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RunMetrics } from '../../../sim-core/analysis/runPoint.ts';
import { sweepSummaryCsv } from '../../../sim-core/analysis/sweep.ts';
import { useWidth } from '../charts/useWidth.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { AnalysisForm } from './AnalysisForm.tsx';
import { AnalysisResult } from './AnalysisResult.tsx';
import { AnalysisStatus } from './AnalysisStatus.tsx';
import { CiChart } from './CiChart.tsx';
import { runLengthSec, wholeNumber } from './fieldText.ts';
import { JobSlot } from './JobSlot.ts';
import { NumberField, RunLengthField } from './NumberField.tsx';
import {
  doneRuns,
  linearValues,
  SWEEP_VIEW_METRICS,
  type SweepViewMetric,
  sweepParameters,
  sweepPoints,
} from './sweepState.ts';
import { useFields } from './useFields.ts';

const sweep = new JobSlot();

function startSweep(path: string, values: number[], seeds: number, durationSec: number | undefined): void {
  const s = useStore.getState();
  const dispatch = s.sweepDispatch;
  const doc = s.doc;
  dispatch({ type: 'start', path, values, seeds, doc });
  sweep.start(
    (api) =>
      api.sweep(
        doc,
        { path, values, seeds, durationSec },
        Comlink.proxy((index: number, metrics: RunMetrics) => dispatch({ type: 'run', index, metrics })),
      ),
    (answer) => {
      if (answer.ok) dispatch({ type: 'done', result: answer.value });
      else dispatch({ type: 'failed', problem: answer.problem });
    },
  );
}

/** The range a sweep starts from: from and to empty for half and twice the parameter's value. */
const RANGE = { from: '', to: '', count: '5', seeds: '3', durationSec: '' };

const UNITS = {
  latency_p99_ms: 'ms',
  latency_mean_ms: 'ms',
  throughput_rps: 'count',
  error_ratio: 'ratio',
} as const;

/**
 * The sweep view: one parameter over a range, the chosen metric against it with its 95 % band over
 * seeds, points filling in as their runs finish; the same runs as `archsim sweep --vary`.
 */
export function SweepPanel() {
  const t = useT();
  const { state, doc } = useStore(useShallow((s) => ({ state: s.sweep, doc: s.doc })));
  const parameters = sweepParameters(doc);
  const [path, setPath] = useState('');
  const chosen = parameters.find((p) => p.path === path) ?? parameters[0];
  const { form: range, wrong, setWrong, bind } = useFields(RANGE);
  const [metric, setMetric] = useState<SweepViewMetric>('latency_p99_ms');
  const chartRef = useRef<HTMLDivElement>(null);
  const [measure, width] = useWidth<HTMLDivElement>();
  const running = state.status === 'running';
  const result = state.result;
  const base = chosen?.value ?? 0;
  const from = range.from === '' ? base / 2 : Number(range.from);
  const to = range.to === '' ? base * 2 : Number(range.to);

  const run = () => {
    const values = linearValues(from, to, Number(range.count));
    const seeds = wholeNumber(range.seeds, 1, 20);
    const durationSec = runLengthSec(range.durationSec);
    if (!chosen || values === null || seeds === null || durationSec === null) {
      setWrong(true);
      return;
    }
    startSweep(chosen.path, values, seeds, durationSec);
  };

  const total = state.runs.length;
  const statusWords = {
    idle: '',
    running: t('sweep.progress', { done: doneRuns(state), total }),
    runs: doneRuns(state),
    done: result ? t('sweep.done', { points: state.values.length, seeds: state.seeds }) : null,
    unable: parameters.length === 0 ? t('sweep.noParameters') : undefined,
  };

  const points = sweepPoints(state, metric).map((p) => ({ x: p.value, y: p.metric }));
  return (
    <div className="analysis-panel">
      <AnalysisForm
        label={t('charts.tab.sweep')}
        run={{
          label: t('sweep.run'),
          running,
          enabled: parameters.length > 0,
          start: run,
          cancel: sweep.cancel,
        }}
        csv={{
          title: t('sweep.exportCsvTitle'),
          file: 'archsim-sweep-summary.csv',
          text: result ? () => sweepSummaryCsv(result) : null,
        }}
        png={{ file: 'archsim-sweep.png', chart: chartRef, ready: doneRuns(state) > 0 }}
        invalid={wrong ? t('sweep.invalid.range') : null}
      >
        <div className="analysis-row">
          <label>
            {t('sweep.parameter')}
            <select
              className="analysis-wide"
              value={chosen?.path ?? ''}
              onChange={(e) => setPath(e.target.value)}
            >
              {parameters.map((p) => (
                <option key={p.path} value={p.path}>
                  {p.path.replace(/^nodes\.|^edges\./, '').replace('.params.', ' · ')}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="analysis-row">
          <NumberField label={t('sweep.from')} placeholder={String(from)} {...bind('from')} />
          <NumberField label={t('sweep.to')} placeholder={String(to)} {...bind('to')} />
          <NumberField label={t('sweep.points')} whole small labelAfter {...bind('count')} />
        </div>
        <div className="analysis-row">
          <NumberField label={t('sweep.seeds')} whole small {...bind('seeds')} />
          <RunLengthField {...bind('durationSec')} />
        </div>
      </AnalysisForm>
      <AnalysisResult from={state.doc} shown={doneRuns(state) > 0} staleTestId="sweep-stale" ref={measure}>
        <div className="analysis-row">
          <label>
            {t('sweep.metric')}
            <select value={metric} onChange={(e) => setMetric(e.target.value as SweepViewMetric)}>
              {SWEEP_VIEW_METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(`sweep.metric.${m}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <AnalysisStatus run={state} words={statusWords} testId="sweep-status" inline />
        </div>
        <div ref={chartRef}>
          <CiChart
            width={Math.max(240, width)}
            height={140}
            title={t('charts.tab.sweep')}
            xLabel={state.path || chosen?.path || ''}
            yLabel={t(`sweep.metric.${metric}` as MessageKey)}
            yUnit={UNITS[metric]}
            points={points}
          />
        </div>
      </AnalysisResult>
    </div>
  );
}
