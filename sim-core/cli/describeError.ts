import { bytesText } from '../messages/formatMessage.ts';
import type { MessageParam, SimulationError } from '../messages/Message.ts';
import { formatCount, formatSig, printable } from './text.ts';

/**
 * A `SimulationError` (a budget the run would exceed or exceeded, a guard that stopped it) in the CLI's
 * English: a title naming `file` (or "a run", for a point of a sweep) and one line, `field = value: what
 * happened, what the limit is, what to do`.
 */
export function describeSimulationError(
  file: string | null,
  error: SimulationError,
): { title: string; lines: string[] } {
  const { code, params: p, path, nodes } = error.detail;
  // The nodes involved, for the sentences that name them (a guard's params carry them too).
  const text = sentence(code, { nodes: nodes ?? [], ...p });
  // `nodes[1].params.replicas = 1000000000 (node "api") would need …`, `--duration 1e9 (…) means …`.
  const node = nodes?.length === 1 && !text.includes(`"${nodes[0]}"`) ? ` (node "${nodes[0]}")` : '';
  const value = p.value === undefined || p.value === null ? '' : ` = ${formatValue(num(p.value))}`;
  const where =
    p.option !== undefined && p.option !== null
      ? `${str(p.option)} ${formatValue(num(p.value))} (overriding ${path}${node.replace(' (', '; ').replace(')', '')}) `
      : path
        ? `${path}${value}${node}${value ? ' ' : ': '}`
        : '';
  const budget = code === 'budget.memory' ? 'memory' : code.startsWith('budget.events') ? 'event' : '';
  const stopped = p.atSec !== undefined;
  const subject = file ?? 'a run';
  const title = budget
    ? `${subject} ${stopped ? 'was stopped: it exceeded' : 'was not run: it would exceed'} its ${budget} budget (${code}):`
    : `${subject} ${stopped ? 'was stopped' : 'was not run'} (${code}):`;
  return { title, lines: [printable(where + text)] };
}

const num = (x: MessageParam | undefined) => (typeof x === 'number' ? x : Number.NaN);
const str = (x: MessageParam | undefined) => (x === undefined || x === null ? '' : String(x));

/** `1.5 GiB`, `650 MiB`, `312 KiB`. */
export function formatBytes(bytes: number | null): string {
  return bytes === null || !Number.isFinite(bytes) ? 'an unbounded amount' : bytesText(bytes);
}

/** `42,000,000`, `2.4e14`: a count to two significant digits, never 300 digits long. */
export function formatAbout(count: number | null): string {
  if (count === null || !Number.isFinite(count)) return 'unbounded';
  if (count < 1e12) return formatCount(Number(count.toPrecision(2)));
  const [mantissa, exponent] = count.toExponential(1).split('e+');
  return `${mantissa}e${exponent}`;
}

function sentence(code: string, p: Readonly<Record<string, MessageParam>>): string {
  const limitBytes = formatBytes(num(p.limit));
  const limitEvents = formatCount(num(p.limit));
  const need = (x: MessageParam | undefined) => formatBytes(typeof x === 'number' ? x : null);
  const names = Array.isArray(p.nodes) ? p.nodes.map((id) => `"${id}"`).join(', ') : '';
  const at = `at ${formatSig(num(p.atSec))} s`;
  switch (`${code}:${str(p.what)}`) {
    case 'budget.memory:nodes':
      return `(with the edges, ${formatCount(num(p.count))} metric scopes) would need about ${need(p.estimate)}; the limit is ${limitBytes}. Split the model, or raise --max-memory.`;
    case 'budget.memory:replicas':
      return `would need ${formatAbout(num(p.count))} replica slots, about ${need(p.share)} (the whole run about ${need(p.estimate)}); the limit is ${limitBytes}. Use fewer replicas, or simulate a fraction of them with the traffic (--sampling F, e.g. ${suggestedSampling(p)}), or raise --max-memory.`;
    case 'budget.memory:poolInstances':
      return `each of these caller instances keeps its own connection pool, about ${need(p.share)}; the run would need about ${need(p.estimate)} and the limit is ${limitBytes}. Use fewer caller replicas, sample them (--sampling F), or raise --max-memory.`;
    case 'budget.memory:cacheEntries':
      return `could fill about ${formatAbout(num(p.count))} cache entries, about ${need(p.share)}; the run would need about ${need(p.estimate)} and the limit is ${limitBytes}. Lower the capacity, give the clients a key space (keys.count), or raise --max-memory.`;
    case 'budget.memory:cacheInstances':
      return `each of these caller instances keeps its own per-instance cache, ${formatAbout(num(p.count))} of them, about ${need(p.share)}; the run would need about ${need(p.estimate)} and the limit is ${limitBytes}. Use fewer caller replicas, sample them (--sampling F), make the cache "shared", or raise --max-memory.`;
    case 'budget.memory:windows':
      return `keeps ${formatAbout(num(p.count))} metric windows over ${formatSig(num(p.durationSec))} s, about ${need(p.share)}; the run would need about ${need(p.estimate)} and the limit is ${limitBytes}. Use a longer scenario.windowSec or a shorter run, or raise --max-memory.`;
    case 'budget.memory:inFlight':
      return `keeps about ${formatAbout(num(p.count))} requests in flight at once, about ${need(p.share)}; the limit is ${limitBytes}. Lower it, or raise --max-memory.`;
    case 'budget.memory:fanOut':
      return `one request makes that many calls at once, about ${need(p.share)} for a single request; the limit is ${limitBytes}. Lower the count, or raise --max-memory.`;
    case 'budget.events:requests': {
      const sampled = num(p.factor) < 1 ? `, after sampling 1 in ${formatAbout(1 / num(p.factor))}` : '';
      return `means about ${formatAbout(num(p.requests))} requests in ${formatSig(num(p.durationSec))} s${sampled}, about ${String(Number(num(p.eventsPerRequest).toPrecision(2)))} events each: about ${formatAbout(num(p.estimate))} events; the limit is ${limitEvents}. Lower the rate, shorten the run (--duration), or raise --max-events.`;
    }
    case 'budget.events:windows':
      return `closes ${formatAbout(num(p.count))} metric windows, about ${formatAbout(num(p.estimate))} events in all; the limit is ${limitEvents}. Use a longer scenario.windowSec, or raise --max-events.`;
    case 'budget.events:healthChecks':
    case 'budget.events:autoscale':
      return `s means ${formatAbout(num(p.share))} ${p.what === 'autoscale' ? 'autoscaling evaluations' : 'health checks'}, about ${formatAbout(num(p.estimate))} events in all; the limit is ${limitEvents}. Use a longer interval, or raise --max-events.`;
    case 'budget.zeroTimeLoop:':
      return `these users neither think nor wait: the path ${names || 'they call'} takes no simulated time (a 0 ms service, a queue that acknowledges at once, a cache that always hits), so time would never advance. Give a step on the path a duration, or the client a thinkTimeMs.`;
    case 'engine.callDepth:':
      return `starts a chain of ${formatCount(num(p.depth))} synchronous calls (down to ${names.split(', ').at(-1) || 'its end'}); the engine follows at most ${formatCount(num(p.limit))}. Put a queue in the chain, or shorten it.`;
    case 'budget.unboundedLoop:':
      return `a loop through ${names || 'this queue'} sends at least one new message per message it delivers: its work never ends. Lower the probability or the count of the calls that feed it again.`;
    case 'budget.eventsExceeded:':
      return `${at} of ${formatSig(num(p.durationSec))} s the run reached its limit of ${formatCount(num(p.maxEvents))} events; the most arrivals were at ${names || 'no node'}. Retries that never stop or a queue that keeps growing get here; otherwise shorten the run (--duration) or raise --max-events.`;
    case 'watchdog.zeroTimeLoop:':
      return `${at} simulated time stopped advancing: requests loop through ${names || 'the model'} in steps that take no time (a 0 ms service, a queue that acknowledges at once, a cache that always hits, behind a client with no think time). Give a step on the loop a duration, or the client a thinkTimeMs.`;
    case 'watchdog.unboundedWork:':
      return `${at} ${formatCount(num(p.inFlight))} requests were in flight, all the memory budget leaves them; the work piles up at ${names || 'no node'}. Bound it (a queueCapacity or more capacity there, a timeoutMs at the client, fewer messages per message), or raise --max-memory.`;
    case 'engine.invalidTime:':
      return `${at} the engine drew a time that is negative or not a number at ${names || 'no node'}: a bug in the simulator, not in the file. Please report it with the file.`;
    default:
      return `${code} ${JSON.stringify(p)}`;
  }
}

function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Number.isInteger(x) && Math.abs(x) < 1e15 ? String(x) : String(Number(x.toPrecision(6)));
}

/** A sampling factor that would bring the estimate under the limit: a power of ten, with room. */
function suggestedSampling(p: Readonly<Record<string, MessageParam>>): string {
  const needed = (num(p.limit) / num(p.estimate)) * num(p.factor) * 0.5;
  if (!(needed > 0)) return '0.01';
  return String(Number(`1e${Math.floor(Math.log10(Math.min(needed, 0.5)))}`));
}
