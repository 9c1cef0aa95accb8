import type { Budgets } from '../api.ts';

/*
 * The budgets' numbers on their own, free of the estimate and the engine: the app's main thread shows
 * them (the run budgets setting) without bundling any engine code.
 */

/**
 * The budgets a run gets unless told otherwise. 1 GiB of estimated engine memory keeps the whole
 * process under 2 GiB (the estimate covers what the engine allocates, not Node itself, ~150 MB), and
 * leaves room for ~3000 nodes and edges, windows of a long run and a million replica slots. 20 million
 * events are a minute of simulation on a slow, busy machine (a few seconds on a laptop) and twice what
 * the largest preset needs.
 */
export const DEFAULT_BUDGETS: Readonly<Required<Budgets>> = {
  maxMemoryBytes: 2 ** 30,
  maxEvents: 20_000_000,
};

/**
 * The app's event budget: far above the CLI's default (20 million), because a run in the app is
 * watched as it goes and stops at once on Pause or Reset, so a long one is not a hang. A 20-node
 * system at 600 rps for 5 minutes is about 30 million events. The memory budget stays the default.
 * Both are what a load gets unless its `options.budgets` says otherwise (the app's run settings).
 */
export const APP_MAX_EVENTS = 1e9;
