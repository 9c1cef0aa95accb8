import * as Comlink from 'comlink';
import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AnalysisWorkerApi } from '../../../sim-core/analysis/analysisWorkerApi.ts';
import { baseOfferedRps, type CapacityRun } from '../../../sim-core/analysis/capacity.ts';
import type { JsonDoc } from '../../../sim-core/analysis/paramPath.ts';
import type { Slo } from '../../../sim-core/analysis/slo.ts';
import { kneeCsv } from '../../../sim-core/analysis/tables.ts';
import { useWidth } from '../charts/useWidth.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/useT.ts';
import { useStore } from '../store/store.ts';
import { AnalysisForm } from './AnalysisForm.tsx';
import { AnalysisResult } from './AnalysisResult.tsx';
import { AnalysisStatus } from './AnalysisStatus.tsx';
import { CiChart } from './CiChart.tsx';
import { JobSlot } from './JobSlot.ts';
import {
  answerOf,
  checkForm,
  DEFAULT_FORM,
  kneeSoFar,
  LATENCY_METRICS,
  type LatencyMetric,
  type LimitForm,
  plottedSlo,
  plusMinus,
  progressOf,
  searchDots,
} from './limitState.ts';
import { NumberField, RunLengthField } from './NumberField.tsx';
import { useFields } from './useFields.ts';

const search = new JobSlot();

/** Starts a capacity search of the current document on its own worker, reporting into the store. */
function startSearch(request: Parameters<AnalysisWorkerApi['capacity']>[1]): void {
  const s = useStore.getState();
  const doc = s.doc;
  let baseRps: number | null = null;
  try {
    baseRps = baseOfferedRps(doc as unknown as JsonDoc, 'clients');
  } catch {
    baseRps = null;
  }
  s.limitDispatch({ type: 'start', slos: request.slos, baseRps, doc });
  const dispatch = s.limitDispatch;
  search.start(
    (api) =>
      api.capacity(
        doc,
        request,
        Comlink.proxy((run: CapacityRun) => dispatch({ type: 'run', run })),
      ),
    (answer) => {
      if (answer.ok) dispatch({ type: 'done', result: answer.value.result });
      else dispatch({ type: 'failed', problem: answer.problem });
    },
  );
}

/**
 * Find the limit: SLOs in, the largest load that meets them out, with its interval and the node that
 * saturates first, by the same search as `archsim capacity`; the knee chart fills in as runs finish.
 */
export function LimitPanel() {
  const t = useT();
  const { form, setForm, wrong, setWrong, bind } = useFields<LimitForm, keyof LimitForm>(DEFAULT_FORM);
  const { state, locale } = useStore(useShallow((s) => ({ state: s.limit, locale: s.locale })));
  const chartRef = useRef<HTMLDivElement>(null);
  const [measure, width] = useWidth<HTMLDivElement>();
  const running = state.status === 'running';

  const find = () => {
    const check = checkForm(form);
    if (!check.ok) {
      setWrong(check.field);
      return;
    }
    startSearch({
      slos: check.slos,
      seeds: check.seeds,
      maxSeeds: check.maxSeeds,
      durationSec: check.durationSec,
    });
  };

  const { points, bottleneck } = kneeSoFar(state);
  const base = state.baseRps;
  const toX = (factor: number) => (base === null ? factor : factor * base);
  const plotted = plottedSlo(state.slos);
  const result = state.result;
  const sloLabel = (slo: Slo) =>
    slo.metric === 'errors'
      ? t('limit.sloErrors', { limit: Number((slo.limit * 100).toPrecision(6)) })
      : t('limit.sloLatency', { metric: slo.metric, limit: slo.limit });
  const sloText = state.slos.map(sloLabel).join(t('limit.and'));

  let sentence = '';
  if (result) {
    const answer = answerOf(result);
    const node = result.bottleneck?.id ?? '';
    if (answer.kind === 'holds' && answer.rps !== null) {
      const [rps, half] = plusMinus(answer.rps, answer.halfRps, locale);
      sentence = t(node ? 'limit.answer.holds' : 'limit.answer.holdsNoNode', {
        rps,
        half: half ?? '?',
        slos: sloText,
        node,
      });
    } else if (answer.kind === 'holds') {
      const [factor, half] = plusMinus(answer.factor, answer.halfFactor, locale);
      sentence = t('limit.answer.holdsFactor', { factor, half: half ?? '?', slos: sloText, node });
    } else if (answer.kind === 'unbounded')
      sentence = t('limit.answer.unbounded', { factor: answer.factor, slos: sloText });
    else sentence = t('limit.answer.never', { slos: sloText });
  }
  const progress = progressOf(state);
  const statusWords = {
    idle: t('limit.hint'),
    running: t(progress.phase === 'knee' ? 'limit.kneeing' : 'limit.searching', { runs: progress.runs }),
    runs: progress.runs,
    done: result ? t('limit.answer.runs', { seeds: result.roots.length, runs: result.runs }) : null,
  };

  const answerX =
    result && !result.unbounded && result.factor.mean !== null
      ? {
          mean: toX(result.factor.mean),
          low: result.factor.low === null ? null : toX(result.factor.low),
          high: result.factor.high === null ? null : toX(result.factor.high),
        }
      : undefined;

  return (
    <div className="analysis-panel">
      <AnalysisForm
        label={t('charts.tab.limit')}
        run={{ label: t('limit.find'), running, start: find, cancel: search.cancel }}
        csv={{
          title: t('limit.exportCsvTitle'),
          file: 'archsim-knee.csv',
          text: result ? () => kneeCsv(result) : null,
        }}
        png={{
          file: 'archsim-limit.png',
          chart: chartRef,
          ready: points.length > 0 || state.runs.length > 0,
        }}
        invalid={wrong ? t(`limit.invalid.${wrong}` as MessageKey) : null}
      >
        <div className="analysis-row">
          <label>
            {t('limit.slo')}
            <select
              value={form.metric}
              onChange={(e) => setForm((f) => ({ ...f, metric: e.target.value as LatencyMetric }))}
            >
              {LATENCY_METRICS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          <NumberField label={t('limit.latencyBelow')} {...bind('latencyMs')} />
        </div>
        <div className="analysis-row">
          <NumberField label={t('limit.errorsBelow')} {...bind('errorsPercent')} />
          <RunLengthField {...bind('durationSec')} />
        </div>
        <div className="analysis-row">
          <NumberField label={t('limit.seeds')} whole {...bind('seeds')} />
          <NumberField label={t('limit.maxSeeds')} whole {...bind('maxSeeds')} />
        </div>
      </AnalysisForm>
      <AnalysisResult
        from={state.doc}
        shown={result !== null || state.runs.length > 0}
        staleTestId="limit-stale"
        ref={measure}
      >
        <p className="analysis-answer" aria-live="polite" data-testid="limit-answer">
          {sentence}
        </p>
        <AnalysisStatus run={state} words={statusWords} testId="limit-status" />
        <div ref={chartRef}>
          <CiChart
            width={Math.max(240, width)}
            height={118}
            title={t('charts.tab.limit')}
            xLabel={t(base === null ? 'limit.axis.factor' : 'limit.axis.load')}
            yLabel={`${plotted.metric} (ms)`}
            y2Label={bottleneck ? t('limit.axis.utilization', { node: bottleneck }) : undefined}
            yUnit="ms"
            points={points.map((p) => ({ x: toX(p.factor), y: p.latencyMs, y2: p.utilization }))}
            dots={searchDots(state).map((d) => ({
              key: `${d.seedIndex}:${d.factor}`,
              x: toX(d.factor),
              y: d.latencyMs,
              holds: d.holds,
            }))}
            limitY={Number.isFinite(plotted.limit) ? plotted.limit : undefined}
            limitLabel={Number.isFinite(plotted.limit) ? sloLabel(plotted) : undefined}
            answerX={answerX}
          />
        </div>
      </AnalysisResult>
    </div>
  );
}
