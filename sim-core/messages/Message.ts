/**
 * Messages as data. Every layer that tells the user something (the validator, the engine, the worker,
 * the CLI, the desktop shell) hands on a code naming what happened and the parameters its sentence
 * needs; each language turns that into words at the edge (the CLI's terminal, the UI's current
 * language). No layer ever reads another layer's prose back.
 *
 * A code is dotted and stable (`replicas.min`, `budget.memory`, `watchdog.zeroTimeLoop`): tests, the
 * UI's field marks and translations key on it, so renaming one is a breaking change.
 */

/**
 * A parameter of a message: plain, structured-clone and JSON safe. A parameter may itself be a message
 * (the `expected` of "must be {expected}" is `an integer ≥ 1`), so that each part is worded too.
 */
export type MessageParam = string | number | boolean | null | readonly (string | number)[] | Message;

export interface Message<Code extends string = string> {
  code: Code;
  params: Readonly<Record<string, MessageParam>>;
}

/**
 * An error the engine reports instead of running or going on: a budget the run would exceed, a loop
 * that takes no simulated time, work that grows without bound, an option out of range. It carries its
 * message as data; `error.message` is only the code, for logs and stack traces.
 */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';

  constructor(
    readonly detail: Message & {
      /** The document path of the field at fault (`nodes[4].params.replicas`), when there is one. */
      path?: string;
      /** Ids of the nodes involved (the nodes on a zero-time loop, the queue that amplifies). */
      nodes?: readonly string[];
    },
  ) {
    super(detail.code);
  }
}
