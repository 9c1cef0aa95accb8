import * as Comlink from 'comlink';
import type { ScenarioEventInput, SimulationOptions } from '../../../sim-core/api.ts';
import type {
  AdvanceRequest,
  Failure,
  LoadResult,
  Problem,
  Progress,
  SimWorkerApi,
} from '../../../sim-core/workerApi.ts';

type Answer = { ok: true; progress: Progress } | Failure;
type Applied = { ok: true } | Failure;

/** How long a call may keep the worker before it counts as stuck, ms. */
export interface Deadlines {
  /** Loading compiles the topology: big estates take seconds on a busy machine. */
  load: number;
  /** Every other call does bounded work (`advance` keeps a wall budget of a tenth of a second). */
  call: number;
}

export const DEFAULT_DEADLINES: Deadlines = { load: 30_000, call: 10_000 };

/**
 * A call that cannot finish because its worker is gone. `problem` says why, for the user:
 * `worker.stuck` `{ call, seconds }` (no answer within the deadline: the worker was terminated),
 * `worker.crashed` `{ detail }` (the worker failed outside any call), `worker.cancelled` (Reset
 * terminated a busy worker: nothing to tell the user).
 */
export class WorkerGone extends Error {
  override readonly name = 'WorkerGone';
  constructor(readonly problem: Problem) {
    super(problem.code);
  }
}

/** One worker and the calls it has not answered yet, oldest first (the worker answers in order). */
interface Session {
  worker: Worker;
  api: Comlink.Remote<SimWorkerApi>;
  pending: Pending[];
  timer: ReturnType<typeof setTimeout> | null;
}

interface Pending {
  call: string;
  deadlineMs: number;
  reject: (error: WorkerGone) => void;
}

/**
 * The simulation worker behind a supervisor. A call pending when a worker dies never settles (comlink
 * #601) and a worker caught in a loop never answers, so every call has a deadline, counted from when
 * the worker gets to it (calls queue behind each other). A worker that misses one, or fails, is
 * terminated; its pending calls reject with `WorkerGone` and the next call starts a fresh worker.
 *
 * `spawn` makes the worker: the app's by default; tests hand in their own (a worker in Node, or one
 * that never answers).
 */
export class SimClient {
  private session: Session | null = null;

  constructor(
    private readonly spawn: () => Worker = defaultSpawn,
    private readonly deadlines: Deadlines = DEFAULT_DEADLINES,
  ) {}

  /** Whether a call is waiting for the worker. */
  get busy(): boolean {
    return (this.session?.pending.length ?? 0) > 0;
  }

  load(doc: unknown, options: SimulationOptions = {}): Promise<LoadResult> {
    return this.call('load', this.deadlines.load, (api) => api.load(doc, options) as Promise<LoadResult>);
  }

  advance(request: AdvanceRequest): Promise<Answer> {
    return this.call('advance', this.deadlines.call, (api) => api.advance(request) as Promise<Answer>);
  }

  applyEvent(event: ScenarioEventInput): Promise<Applied> {
    return this.call('applyEvent', this.deadlines.call, (api) => api.applyEvent(event) as Promise<Applied>);
  }

  /**
   * Stops whatever the worker is doing: a busy worker is terminated (its calls reject with
   * `worker.cancelled`) and the next call starts a fresh one; an idle worker is kept.
   */
  cancel(): void {
    if (this.busy) this.end({ code: 'worker.cancelled', params: {} });
  }

  dispose(): void {
    this.end({ code: 'worker.cancelled', params: {} });
  }

  private start(): Session {
    const worker = this.spawn();
    const session: Session = { worker, api: Comlink.wrap<SimWorkerApi>(worker), pending: [], timer: null };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (this.session === session)
        this.end({ code: 'worker.crashed', params: { detail: event.message || '' } });
    });
    worker.addEventListener('messageerror', () => {
      if (this.session === session) this.end({ code: 'worker.crashed', params: { detail: 'messageerror' } });
    });
    this.session = session;
    return session;
  }

  /** Terminates the current worker, if any, rejecting its pending calls with `problem`. */
  private end(problem: Problem): void {
    const session = this.session;
    if (session === null) return;
    this.session = null;
    if (session.timer !== null) clearTimeout(session.timer);
    session.worker.terminate();
    for (const pending of session.pending.splice(0)) pending.reject(new WorkerGone(problem));
  }

  private call<R>(
    call: string,
    deadlineMs: number,
    use: (api: Comlink.Remote<SimWorkerApi>) => Promise<R>,
  ): Promise<R> {
    const session = this.session ?? this.start();
    return new Promise<R>((resolve, reject) => {
      const pending: Pending = { call, deadlineMs, reject };
      session.pending.push(pending);
      if (session.pending.length === 1) this.arm(session);
      const settle = () => {
        const at = session.pending.indexOf(pending);
        if (at < 0) return false; // The worker was ended meanwhile: the call already rejected.
        session.pending.splice(at, 1);
        if (at === 0) this.arm(session);
        return true;
      };
      use(session.api).then(
        (value) => settle() && resolve(value),
        (error: unknown) => settle() && reject(error),
      );
    });
  }

  /** Starts the deadline of the oldest pending call (the one the worker is on). */
  private arm(session: Session): void {
    if (session.timer !== null) clearTimeout(session.timer);
    session.timer = null;
    const head = session.pending[0];
    if (head === undefined) return;
    session.timer = setTimeout(() => {
      if (this.session !== session) return;
      this.end({
        code: 'worker.stuck',
        params: { call: head.call, seconds: Math.round(head.deadlineMs / 1000) },
      });
    }, head.deadlineMs);
  }
}

function defaultSpawn(): Worker {
  return new Worker(new URL('../../../sim-core/worker.ts', import.meta.url), { type: 'module' });
}
