import { describe, expect, it } from 'vitest';
import { validateTopology } from '../format/validate.ts';
import { exponential, topology } from '../test/simHarness.ts';
import { createAnalysisWorkerApi } from './analysisWorkerApi.ts';
import { type CapacityRun, findCapacity } from './capacity.ts';
import type { JsonDoc } from './paramPath.ts';
import { inProcessRunner, type TaskRunner } from './runPoint.ts';
import { sensitivity } from './sensitivity.ts';
import { parseSlo } from './slo.ts';

const doc = {
  format: 'archsim.topology',
  version: 1,
  nodes: [
    { id: 'users', kind: 'client', params: { rateRps: 50 } },
    { id: 'api', kind: 'service', params: { concurrency: 1, serviceTimeMs: exponential(10) } },
  ],
  edges: [{ id: 'e1', source: 'users', target: 'api' }],
  scenario: { durationSec: 40, warmupSec: 5, seed: 3 },
};

describe('the analysis worker API', () => {
  it('finds the capacity archsim capacity finds, reporting every run as it finishes', async () => {
    const api = createAnalysisWorkerApi();
    const runs: CapacityRun[] = [];
    const answer = await api.capacity(
      doc,
      { slos: ['p99<200ms'], seeds: 2, maxSeeds: 2, durationSec: 20 },
      (r) => runs.push(r),
    );
    if (!answer.ok) throw new Error(answer.problem.code);
    const cli = await findCapacity(
      topology(doc as never) as unknown as JsonDoc,
      { slos: [parseSlo('p99<200ms')], scale: 'clients', seeds: 2, maxSeeds: 2, durationSec: 20 },
      inProcessRunner(),
    );
    expect(answer.value.result).toEqual(cli);
    expect(runs).toHaveLength(cli.runs);
    expect(runs.filter((r) => r.phase === 'knee')).toHaveLength(cli.knee.length * 2);
    expect(answer.value.result.bottleneck?.id).toBe('api');
  });

  it('refuses a document that does not validate and an SLO it cannot read, as messages', async () => {
    const api = createAnalysisWorkerApi();
    const broken = await api.capacity({ ...doc, nodes: [] }, { slos: ['p99<200ms'] }, () => {});
    // The validator's own first issue, with its path, worded per language like any other.
    expect(broken.ok || broken.problem).toMatchObject({ code: 'ref.noNode', path: 'edges[0].source' });
    const slo = await api.capacity(doc, { slos: ['p99<fast'] }, () => {});
    expect(slo.ok || slo.problem).toEqual({ code: 'analysis.slo.invalid', params: { slo: 'p99<fast' } });
  });

  it('sweeps one parameter point by point, seeds as archsim sweep gives them', async () => {
    const api = createAnalysisWorkerApi();
    const seen: number[] = [];
    const answer = await api.sweep(
      doc,
      { path: 'nodes.users.params.rateRps', values: [20, 60], seeds: 2, durationSec: 20 },
      (index) => seen.push(index),
    );
    if (!answer.ok) throw new Error(answer.problem.code);
    expect(seen).toEqual([0, 1, 2, 3]);
    const [low, , high] = answer.value.runs;
    expect(high.utilization.api).toBeGreaterThan(low.utilization.api * 2);
    expect(answer.value.runs[0].seed).toBe(3);
  });

  it('ranks parameters as archsim sensitivity does, and answers with the final count of runs', async () => {
    const api = createAnalysisWorkerApi();
    const reported: number[] = [];
    const answer = await api.sensitivity(doc, { delta: 0.2, seeds: 2, durationSec: 20 }, (n) =>
      reported.push(n),
    );
    if (!answer.ok) throw new Error(answer.problem.code);
    let tasks = 0;
    const inProcess = inProcessRunner();
    const counting: TaskRunner = (list, onResult) => {
      tasks += list.length;
      return inProcess(list, onResult);
    };
    // As `archsim sensitivity` reads a file: validated, defaults filled in.
    const read = validateTopology(doc);
    if (!read.ok) throw new Error('the document does not validate');
    const cli = await sensitivity(
      read.topology as unknown as JsonDoc,
      { metric: 'p99', delta: 0.2, params: [], seeds: 2, durationSec: 20 },
      counting,
    );
    expect(answer.value.result).toEqual(cli);
    expect(cli.effects.length).toBeGreaterThan(0);
    expect(answer.value.runs).toBe(tasks);
    // Progress counted every run up to the same total, one at a time.
    expect(reported).toEqual(Array.from({ length: tasks }, (_, i) => i + 1));
  });

  it('estimates utilization by flow balance and flags ρ ≥ 1', () => {
    const api = createAnalysisWorkerApi();
    const fine = api.estimate(doc);
    if (!fine.ok) throw new Error(fine.problem.code);
    expect(fine.value.nodes.api.utilization).toBeCloseTo(0.5, 10);
    const over = api.estimate({
      ...doc,
      nodes: [{ ...doc.nodes[0], params: { rateRps: 120 } }, doc.nodes[1]],
    });
    expect(over.ok && over.value.unstable).toEqual(['api']);
  });
});
