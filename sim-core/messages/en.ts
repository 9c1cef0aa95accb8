/**
 * The core's messages in English: one line per code. `{name}` is a parameter (a number as it was
 * typed), `{name:count}` an amount the engine counted (grouped: `4,800,000,145`), `{name:bytes}` a size
 * (`471 KiB`); `{name|one|other}` picks the word for the parameter's plural category.
 * The placeholders of this table are the parameters a code takes: `message()` checks them at compile
 * time, and every other language must have exactly these codes.
 *
 * Adding a code: one line here and one in `zhCN.ts`, under the heading of its layer; then make it with
 * `message('budget.eventsExceeded', { atSec, maxEvents })` (or throw `new SimulationError(message(…))`). Codes are grouped
 * by their first word: `event.*` the engine's applied events, `value.*`/`list.*`/… the validator's,
 * `budget.*` and `watchdog.*` the engine's refusals.
 */
export const en = {
  // The engine's applied-event log (AppliedEvent.detail).
  'event.traffic': 'traffic ×{factor}',
  'event.killed': 'killed {killed} of {of} {of|instance|instances}',
  'event.killedFraction':
    'killed {killed} of {of} {of|instance|instances} ({percent} % of {of}, rounded to the nearest whole instance)',
  'event.killedPrimaries': 'killed the primaries of {killed} of {shards} {shards|shard|shards}',
  'event.restarting': 'restarting {count} {count|instance|instances}',
  'event.restoring': 'restoring {count} {count|instance|instances}',
  'event.regionDown': 'region down',
  'event.regionRestored': 'region restored',
  'event.partitioned': 'partitioned',
  'event.partitionHealed': 'partition healed',
  'event.latencyAdded': '+{ms} ms',
  'event.latencyRemoved': '−{ms} ms',
  'event.errorsAdded': '+{percent} % errors',
  'event.errorsRemoved': '−{percent} % errors',
  'event.cacheFlushed': 'flushed {entries} {entries|entry|entries}',
  'event.replicas': 'replicas → {replicas}',
  'event.rollingRestart': 'rolling restart in batches of {batch}',
  'event.autoscale': 'utilization {percent} %: {from} → {to} replicas',
  'event.autoscaleForecast':
    'forecast {forecastRps} rps in {horizonSec} s (now {nowRps} rps): {from} → {to} replicas',
  'event.failoverElected': 'shard {shard}: instance {instance} elected primary',
  'event.raftElected':
    'shard {shard}: instance {instance} elected leader in term {term}, {ms} ms after the last leader was lost',
  'event.failoverNone': 'shard {shard}: no live instance to elect',
  'event.healthCheck': 'view of {backends} {backends|backend|backends} updated',

  // Validator issues (ValidationIssue): what is wrong with the value at the path.
  'value.required': 'is required',
  'value.mustBe': 'must be {expected}, got {got}',
  'value.oneOf': 'must be one of {options}, got {got}',
  'value.requiredOneOf': 'is required: one of {options}',
  'value.multipleOf': 'must be a multiple of {divisor}, got {got}',
  'value.pattern': 'must match {pattern}, got {got}',
  'value.format': 'must be a valid {format}',
  'value.noForm': 'does not match any allowed form',
  'value.invalidKey': 'has an invalid key',
  'value.invalidElement': 'has an invalid element',
  'value.invalid': 'is not valid',
  'value.tooSmall': 'is too small: the minimum is {min}',
  'value.tooBig': 'is too big: the maximum is {max}',
  'list.empty': 'must not be empty',
  'list.atLeast': 'must have at least {min} {min|item|items}, got {got}',
  'list.atMost': 'must have at most {max} {max|item|items}, got {got}',
  'text.atLeast': 'must be at least {min} characters long, got {got}',
  'text.atMost': 'must be at most {max} characters long, got {got}',
  'key.unknownField': 'unknown field "{key}"',
  'key.unknownParam': 'unknown parameter "{key}"',
  // What a value must be (the `expected` of value.mustBe), and number ranges.
  'expect.string': 'a string',
  'expect.boolean': 'true or false',
  'expect.list': 'a list',
  'expect.object': 'an object',
  'expect.null': 'null',
  'expect.number': 'a number',
  'expect.integer': 'an integer',
  'expect.numberIn': 'a number {range}',
  'expect.integerIn': 'an integer {range}',
  'expect.other': 'a {type}',
  'range.between': 'from {min} to {max}',
  'range.atLeast': '≥ {min}',
  'range.above': '> {min}',
  'range.atMost': '≤ {max}',
  'range.below': '< {max}',
  'range.and': '{low} and {high}',
  'list.or': '{a} or {b}',
  'list.comma': '{a}, {b}',
  // Rules of the schema's own.
  'client.usersRequired': 'is required when arrival is "closed"',
  'client.rateRequired': 'is required (or a profile) when arrival is "{arrival}"',
  'profile.notLater': 'must be later than the point before it',
  'autoscale.maxBelowMin': 'must be ≥ min',
  'autoscale.predictiveOnly':
    '{param} applies only to policy "predictive": remove it, or set policy to "predictive"',
  'autoscale.historyTooShort':
    'must cover at least two evaluations ({minSec} s) for the forecast to fit a line',
  'autoscale.historyTooLong':
    'covers {points} evaluations; the forecast keeps at most {maxPoints}: give at most {maxSec} s, or evaluate less often',
  'cache.capacityRequired': 'is required unless a fixed hitRatio is given',
  'cache.hitRatioAndCapacity': 'give either a fixed hitRatio or an LRU capacity, not both',
  'cache.perInstanceNeedsCapacity':
    '"perInstance" needs an LRU capacity: a fixed hitRatio keeps no entries for each instance to warm',
  'kill.countOrFraction': 'give exactly one of count or fraction',
  'scenario.warmupTooLong': 'must be shorter than durationSec',
  'dist.maxBelowMin': 'max must be ≥ min',
  'dist.bothForms': 'give either {mean, cv} or {p50, p99}, not both',
  'dist.p50Required': 'is required with the {p50, p99} form',
  'dist.p99BelowP50': 'must be greater than p50 ({p50})',
  'dist.lognormalP99Skew':
    'must be at most {max} × p50 ({limit}), got {got}: so skewed a lognormal takes half its mean from draws rarer than 1 in 700, and a run would report far less; use an empirical distribution for such a tail',
  'dist.lognormalCvSkew':
    'must be at most {max}, got {got}: so skewed a lognormal takes half its mean from draws rarer than 1 in 700, and a run would report far less; use an empirical distribution for such a tail',
  'dist.formRequired': 'is required: give {mean, cv} or {p50, p99}',
  'dist.percentileKey': 'a percentile key must be a number from 0 to 100',
  'dist.needsMax': 'must include the "100" percentile (the maximum)',
  'dist.decreasing': 'must be ≥ the value at percentile {percentile} ({value}): percentiles cannot decrease',
  // The file as a whole.
  'file.unreadable': 'could not be read: {error}',
  'file.notObject': 'not an ArchSim topology file: expected a JSON object, got {got}',
  'file.wrongFormat': 'not an ArchSim topology file: format must be "{format}", got {got}',
  'file.noFormat': 'not an ArchSim topology file: format must be "{format}", it has no "format" field',
  'file.invalid': 'is not a valid topology',
  'file.moreIssues': 'and {count} more {count|problem|problems} not listed',
  'version.required': 'is required: the format version, an integer',
  'version.newer':
    'written by a newer ArchSim (format version {version}); this version reads up to {max}. Update ArchSim to open it.',
  'version.tooOld':
    'format version {version} is too old for this ArchSim, which reads versions {oldest} to {max}',
  'version.upgradeFailed': 'could not upgrade the file from format version {from} to {to}: {error}',
  'version.upgradeEmpty':
    'could not upgrade the file from format version {from} to {to}: the step returned no document',
  'json.invalidAt': 'is not valid JSON (line {line}, column {column}): {reason}',
  'json.invalid': 'is not valid JSON: {error}',
  'json.empty': 'the text is empty',
  'json.unexpectedEnd': 'unexpected end of the text',
  'json.unclosed': 'unexpected end of the text: {count} {count|bracket|brackets} not closed',
  'json.commaBeforeBracket': 'a comma cannot come before "]"',
  'json.commaBeforeBrace': 'a comma cannot come before "}"',
  'json.expectedKey': 'expected a property name in double quotes, found {found}',
  'json.expectedColon': 'expected ":" after the property name, found {found}',
  'json.afterEnd': 'unexpected {found} after the end of the JSON value',
  'json.expectedCommaOrBrace': 'expected "," or "}" after a property value, found {found}',
  'json.expectedCommaOrBracket': 'expected "," or "]" after a list item, found {found}',
  'json.badNumberAt': 'invalid number {found}',
  'json.badNumber': 'invalid number',
  'json.leadingZero': 'a number cannot start with 0 (leading zeros are not allowed)',
  'json.singleQuotes': 'strings must be in double quotes, not single quotes',
  'json.comment': 'comments are not allowed in JSON',
  'json.expectedValue': 'expected a value, found {found}',
  'json.controlCharacter':
    'a string cannot contain a raw line break or control character (write it as an escape such as \\n)',
  'json.badUnicodeEscape': 'invalid \\u escape: expected 4 hex digits',
  'json.badEscape': 'invalid escape {found} in a string',
  'json.unclosedString': 'this string is never closed',
  'json.endOfText': 'the end of the text',
  // Rules across the document.
  'id.empty': 'must be a non-empty id',
  'id.tooLong': 'must be at most 200 characters',
  'id.spaces': 'must not contain spaces',
  'id.controlCharacter':
    'must not contain {char} (a control character) at position {position}: ids are shown in reports and written to CSV files; use letters, digits and punctuation',
  'id.bidiCharacter':
    'must not contain {char} (a bidirectional control, which reorders how text is shown) at position {position}: ids are shown in reports and written to CSV files; use letters, digits and punctuation',
  'id.halfSurrogate':
    'must not contain {char} (half of a surrogate pair, not valid Unicode) at position {position}: ids are shown in reports and written to CSV files; use letters, digits and punctuation',
  'id.duplicate': 'duplicate id "{id}": {other} already has it',
  'class.duplicate': 'duplicate request class "{id}": {other} already has it',
  'balancer.healthTimeoutTooLong': 'must be shorter than the health-check interval ({intervalMs} ms)',
  'database.failoverWithConsensus':
    'does not apply with consensus: the election time comes from heartbeatMs and electionTicks',
  'class.tooMany':
    '"{id}" would be one request class too many: a topology may declare at most {max} (each edge carries its classes as bits); merge classes that behave alike',
  'class.unknown': 'names no request class "{name}": the clients declare {declared}',
  'class.noneDeclared': 'names no request class "{name}": no client declares classes',
  'region.latencyDuplicate':
    'duplicate latency between regions "{from}" and "{to}": {other} already gives it (it applies both ways)',
  'ref.noNode': 'names no node "{id}"',
  'ref.noRegion': 'names no region "{id}"',
  'ref.noRegions': 'names no region "{id}": the document declares no regions',
  'edge.self': 'an edge cannot go from a node to itself ("{id}")',
  'edge.intoClient': 'clients only send traffic; an edge cannot end at client "{id}"',
  'edge.stagedOnly':
    '{param} applies only to the calls a service or database makes; "{id}" is {kind}, which sends each request along one of its edges (chosen by weight), so {param} would be ignored. Remove it: use weight to split traffic, or the client\'s rate for more of it',
  'edge.cycle':
    'edges form a call cycle: {cycle} (a request would call itself forever; put a queue in the loop to make it asynchronous)',
  'compensation.notStaged': 'only a service or database makes staged calls to compensate; "{id}" is {kind}',
  'compensation.noEdge': 'names no edge "{name}"',
  'compensation.otherSource': '{other} ("{name}") must start at "{source}" too, like the call it undoes',
  'compensation.self': 'an edge cannot compensate itself',
  'compensation.notCertain': 'a compensated call must be required and have probability 1',
  'outgoing.client': 'client "{id}" has no outgoing edge: a client must send its traffic to some node',
  'outgoing.loadBalancer':
    'load balancer "{id}" has no outgoing edge: a load balancer needs at least one target',
  'outgoing.pool': 'pool "{id}" has no outgoing edge: a pool needs the node its connections lead to',
  'outgoing.queue': 'queue "{id}" has no outgoing edge: a queue needs a consumer (a service or database)',
  'outgoing.cache':
    'cache "{id}" has no outgoing edge: a cache needs a backing store to call on a miss (or a fixed hitRatio of 1)',
  'queue.consumer': 'a queue delivers only to services or databases (its consumers); "{id}" is {kind}',
  'scenario.afterEnd': 'happens after the run ends (durationSec {durationSec})',
  'scenario.sameRegion': 'must differ from regionA (both are "{region}")',
  'scenario.primaryNeedsDatabase': '"primary" needs a database target; "{id}" is {kind}',
  'target.ambiguous': 'is ambiguous: {node} and {edge} both have the id "{id}"; rename one of them',
  'target.wrongKind': '"{id}" is {kind}; {type} needs {wanted}',
  'target.isEdge': '"{id}" is an edge; {type} needs {wanted}',
  'target.noNode': 'names no node "{id}"; {type} needs {wanted}',
  'target.noNodeOrEdge': 'names no node or edge "{id}"; {type} needs {wanted}',
  // The desktop shell's dialogs (the native menus' labels live in the command registry).
  'shell.save': 'Save',
  'shell.dontSave': "Don't Save",
  'shell.cancel': 'Cancel',
  'shell.ok': 'OK',
  'shell.untitled': 'Untitled',
  'shell.saveQuestion': 'Do you want to save the changes you made to “{name}”?',
  'shell.saveDetail': "Your changes will be lost if you don't save them.",
  'shell.documents': 'ArchSim documents (*.archsim.json)',
  'shell.allFiles': 'All files',
  'shell.open': 'Open',
  'shell.saveAs': 'Save As',
  'shell.exportTitle': 'Export CSV to folder',
  'shell.exportHere': 'Export Here',
  'shell.replace': 'Replace',
  'shell.replaceQuestion': 'Replace {names} in {folder}?',
  'shell.replaceDetail': 'Files of the same names are already there.',
  'shell.cannotOpen': '“{name}” could not be opened',
  'shell.unchanged': 'Your current document has not been changed.',
  'shell.tooBig': 'The file is {mb} MB, more than the {limit} MB ArchSim opens.',
  'shell.unreadable': '{file} could not be read: {error}',
  'shell.moreProblems': '…and {count} more {count|problem|problems}.',
  'shell.cannotSave': '“{name}” could not be saved',
  'shell.cannotSaveDetail':
    '{error}\n\nThe document is still open with its changes: try another folder with Save As.',
  'shell.exportFailed': 'The CSV export could not be written',
  'shell.aboutTitle': 'About {app}',
  'shell.aboutDetail': 'Draw a system, flood it, break it.',
  'shell.docsFailed': 'The reference could not be opened',
  'shell.startFailed': '{app} could not start',
  // Node kinds in a sentence, with their article.
  'a.client': 'a client',
  'a.loadBalancer': 'a load balancer',
  'a.service': 'a service',
  'a.pool': 'a pool',
  'a.cache': 'a cache',
  'a.queue': 'a queue',
  'a.database': 'a database',
  'a.edge': 'an edge',
  'a.all': '"all"',
  // Said after an issue read away from its field.
  'issue.didYouMean': '(did you mean "{guess}"?)',
  'issue.inNode': '(node "{id}")',
  'issue.inEdge': '(edge "{id}")',

  // The engine's refusals (SimulationError from sim-core/engine/World.ts): the run stops, its results so
  // far are kept.
  'budget.eventsExceeded':
    'The run stopped at {atSec} s: it needed more than {maxEvents:count} events, the most one run may process. Shorten the run or lower the load.',
  'budget.memory':
    'This run would need about {estimate:bytes} of memory, most of it for {field}; the limit is {limit:bytes}. Lower that value, simulate a fraction of the replicas with sampling, or raise the memory budget.',
  'budget.events':
    'This run would take about {estimate:count} events, most of them from {field}; the limit is {limit:count}. Lower the rate, shorten the run, or raise the event budget.',
  'budget.zeroTimeLoop':
    'This run could never advance simulated time: requests go round {nodes} and no step on that loop takes time. Give {field} (the think time) or a step on the loop a service time or a delay above 0.',
  'budget.unboundedLoop':
    'This run would never end: every message through {queue} leads, on average, to one or more new messages on it (through {nodes}), so the work grows without bound. Lower the count of a call on that loop, or route one of them elsewhere.',
  'budget.invalid': 'The budget {field} cannot be {got}: give a positive number.',
  'engine.callDepth':
    'A chain of {depth} synchronous calls (through {nodes}) is longer than the {limit} the engine follows: shorten the chain, or put a queue in it.',
  'watchdog.zeroTimeLoop':
    'The run stopped at {atSec} s: simulated time stopped advancing, as requests go round a loop of steps that take no time (at {nodes}). Give a step on that loop a service time or a delay.',
  'watchdog.unboundedWork':
    'The run stopped at {atSec} s: work grew without bound ({inFlight:count} requests in flight, most waiting at {nodes}). Add capacity or a queue limit there, or lower the load.',

  // What replica-symmetry sampling did to a run (Summary.notices, from sim-core/engine/sampling.ts).
  'sampling.applied':
    'Offered load about {offeredRps} rps, above {thresholdRps}: simulated {kept} in {of} of the replicas of every service and of the shards of every database, with {kept} in {of} of the traffic (×{factor}); counts and rates are scaled back up.',
  'sampling.forced':
    'Sampling factor {requested} asked for: simulated {kept} in {of} of the replicas and shards, with {kept} in {of} of the traffic (×{factor}, the nearest factor at or above it that keeps every tier whole); counts and rates are scaled back up.',
  'sampling.replicas':
    '{node}: {kept} of {total} {total|replica|replicas} simulated, each with its real load.',
  'sampling.shards': '{node}: {kept} of {total} {total|shard|shards} simulated, each with its real load.',
  'sampling.moreNodes': '…and {count} more {count|node|nodes} sampled the same way.',
  'sampling.notExact':
    'Not sampled, although the offered load (about {offeredRps} rps) is above {thresholdRps}: the counts that must stay whole ({nodes}: {counts}) have {divisor} as their largest common divisor, so no fraction keeps a whole number of replicas of every tier at its real load. Every replica was simulated.',
  'sampling.forcedNotExact':
    'Not sampled: no factor from {requested} up to below 1 keeps a whole number of replicas of every tier ({nodes}: {counts}; largest common divisor {divisor}). Every replica was simulated.',
  'sampling.approx.policy':
    '{node} balances by {policy}, which depends on how many replicas there are: the sampled replicas see a different mix than the real fleet, so the figures behind it are approximate.',
  'sampling.approx.cacheTtl':
    '{node} expires entries after {ttlSec} s: with less traffic fewer requests reach a key before it expires, so its hit ratio is lower than the real one.',
  'sampling.approx.coalesce':
    '{node} coalesces concurrent misses: with less traffic fewer misses overlap, so less is coalesced than in the real system.',
  'sampling.approx.queue':
    '{node}: its consumers share one backlog, and fewer consumers pool less, so its lag and depth are approximate.',
  'sampling.approx.sharedPool':
    '{node} is one pool for all the traffic, not one per calling instance: sampling thins its traffic but not its connections, so its waits are too short.',
  'sampling.approx.autoscale':
    '{node} autoscales: its decisions are rounded on the sampled fleet, so the replica counts it reaches are approximate.',
  'sampling.approx.keyedShards':
    '{node} routes requests to its shards by key: with fewer shards a hot key weighs more on one of them.',
  'sampling.approx.breaker':
    '{edge} has a circuit breaker that counts traffic sampling thins (one breaker for all of it, not one per sampled replica): it reaches minRequests later and probes more often for its traffic, so when it opens and for how long are approximate.',
  'sampling.approx.fraction':
    'Event {event} kills a fraction {fraction} of {target}, which is not a whole number of the sampled replicas: it is rounded.',
  'sampling.approx.evenCalls':
    "{node}'s service times vary less than exponential ones (cv {cv}), so its calls to {targets} come more evenly than a Poisson stream: sampled, each kept replica of {targets} takes a larger share of fewer such callers, which keeps more of the evenness, and queues less than a real one. Their latency is understated; run with sampling off where it matters.",
  'sampling.approx.burstyCalls':
    "{node}'s service times vary more than exponential ones (cv {cv}), so its calls to {targets} come in bursts: sampled, each kept replica of {targets} takes a larger share of fewer such callers, which keeps more of the bursts, and queues more than a real one. Their latency is overstated; run with sampling off where it matters.",
  'sampling.approx.constantArrivals':
    '{node} sends requests at constant intervals: sampled, each kept replica of {targets} takes a larger share of that even stream, and queues less than a real one. Their latency is understated; run with sampling off where it matters.',
  'sampling.approx.kind': '{node} ({kind}) is not known to sample exactly: it was kept as it is.',

  // The simulation worker and its supervisor (the Problems of sim-core/workerApi.ts and the UI's
  // renderer/src/run/simClient.ts).
  'worker.stuck':
    'The simulation did not answer for {seconds} s, so it was stopped and restarted. Your document is unchanged: press Run to start the run again.',
  'worker.crashed':
    'The simulation stopped unexpectedly ({detail}) and was restarted. Your document is unchanged: press Run to start the run again.',
  'worker.cancelled': 'The simulation was stopped.',
  'worker.option': 'The run option {option} cannot be {got}: change it in the run settings.',
  'worker.notLoaded': 'No run is loaded: press Run first.',
  'worker.ended': 'The run ended at {endSec} s: live events apply only while it runs. Press Reset, then Run.',
  'worker.failed': 'The simulation stopped with an error: {detail}',
  // Why a network is not product-form (sim-core/analysis/estimate.ts): the editor shows no model mean.
  'estimate.notProductForm.events': 'The scenario has events: they change the network while it runs.',
  'estimate.notProductForm.arrivals':
    '{id}: arrivals are not a constant-rate Poisson stream (or several clients with a closed loop).',
  'estimate.notProductForm.timeout': '{id} has a timeout.',
  'estimate.notProductForm.serviceTime': '{id}: the service time is not exponential.',
  'estimate.notProductForm.limits': '{id} has a queue capacity, an in-flight limit or a rate limit.',
  'estimate.notProductForm.errors': '{id} has an error rate.',
  'estimate.notProductForm.dynamic': '{id} leaks or autoscales.',
  'estimate.notProductForm.shards': '{id} has more than one instance (shards or replicas).',
  'estimate.notProductForm.balancer': '{id}: the balancer is not random, or it has a rate limit.',
  'estimate.notProductForm.lru': '{id}: the cache has no fixed hit ratio.',
  'estimate.notProductForm.pool': '{id} is a connection pool.',
  'estimate.notProductForm.queue': '{id} is a message queue.',
  'estimate.notProductForm.edge': '{id} has a timeout, retries, a circuit breaker or more than one call.',
  'estimate.notProductForm.classes': '{id} carries only some request classes.',
} as const;

export type CoreCode = keyof typeof en;
