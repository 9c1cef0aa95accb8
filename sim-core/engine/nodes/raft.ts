import type { z } from 'zod';
import type { consensus } from '../../format/schema.ts';
import { IntQueue } from '../../kernel/tables.ts';
import { message } from '../../messages/formatMessage.ts';
import type { Prng } from '../../random/Prng.ts';
import { Sampler } from '../../random/Sampler.ts';
import { EventKind, JobState, ReplicaState } from '../codes.ts';
import type { World } from '../World.ts';
import { admit, type ServerRt } from './server.ts';

/**
 * Raft leader election (etcd) for a database with `consensus`: each shard is a Raft group whose
 * `replicasPerShard` instances are its members. Writes, and reads under `readPolicy: "leader"`, go to
 * the group's leader; without one they fail at once or wait for the next (`noLeader`).
 *
 * The leader's heartbeats go out every `heartbeatMs` and are not simulated one by one: while the leader
 * lives, they keep every follower's election timer from firing (the timeout is longer than the
 * heartbeat). When it dies, each live follower's timer runs from the last heartbeat it received and
 * fires after a fresh random timeout uniform on [T, 2T], T = `electionTicks` × `heartbeatMs` (etcd's
 * ElectionTick). The first to fire becomes a candidate of the next term, votes for itself and asks the
 * others; a member grants one vote per term (and restarts its own timer when it does); a candidate with
 * a majority leads and tells the others with a heartbeat. A candidate without a majority when its new
 * timeout fires (a split vote) starts over in the next term, as Raft does. Every message takes half a
 * draw of `peerLatencyMs` (a round trip). Logs are assumed equally up to date, so any member may win.
 *
 * With one round, the election takes T × (1 + min of the followers' U) − phase + ½ RTT (the last
 * heartbeat's way) + RTT (the vote): `consensus.test.ts` checks that law.
 */
export class RaftRt {
  heartbeatMs = 100;
  timeoutMs = 1000;
  peer: Sampler | null = null;
  readAny = false;
  wait = false;
  members = 1;
  majority = 1;
  // Per shard: when its leader took office (its heartbeats go out from then on), when it lost it, and
  // the requests waiting for the next leader.
  leaderSince = new Float64Array(0);
  lostAt = new Float64Array(0);
  waiting: IntQueue[] = [];
  // Per member (instance index): Raft's persistent term and vote, its role, votes won, timer generation.
  term = new Int32Array(0);
  votedTerm = new Int32Array(0);
  role = new Uint8Array(0);
  votes = new Int32Array(0);
  timerGen = new Int32Array(0);
  // Messages in flight (elections are rare: plain arrays with a free list).
  msgKind: number[] = [];
  msgFrom: number[] = [];
  msgTo: number[] = [];
  msgTerm: number[] = [];
  free: number[] = [];

  constructor(
    shards: number,
    members: number,
    /** Its own stream, so that elections do not shift with the traffic's draws. */
    readonly rng: Prng,
  ) {
    this.members = members;
    this.majority = Math.floor(members / 2) + 1;
    this.leaderSince = new Float64Array(shards);
    this.lostAt = new Float64Array(shards);
    this.waiting = Array.from({ length: shards }, () => new IntQueue());
    const n = shards * members;
    this.term = new Int32Array(n).fill(1);
    this.votedTerm = new Int32Array(n).fill(1);
    this.role = new Uint8Array(n);
    this.votes = new Int32Array(n);
    this.timerGen = new Int32Array(n);
  }
}

const Role = { follower: 0, candidate: 1, leader: 2 } as const;
/**
 * Message kinds. A timer is a message a member sends itself, its term field the timer generation;
 * `beatDue` reaches a leader when its next heartbeat goes out to a member that just came back.
 */
const Msg = { timer: 0, voteRequest: 1, voteGranted: 2, heartbeat: 3, beatDue: 4 } as const;

/**
 * The Raft groups of a database's `shards`, each of `members`: every shard starts with its first member
 * leading (the database's first primary), its heartbeats at a random phase.
 */
export function makeRaft(p: z.output<typeof consensus>, shards: number, members: number, rng: Prng): RaftRt {
  const raft = new RaftRt(shards, members, rng);
  raft.heartbeatMs = p.heartbeatMs;
  raft.timeoutMs = p.electionTicks * p.heartbeatMs;
  raft.peer = p.peerLatencyMs ? Sampler.of(p.peerLatencyMs) : null;
  raft.readAny = p.readPolicy === 'any';
  raft.wait = p.noLeader === 'wait';
  for (let shard = 0; shard < shards; shard++) {
    raft.role[shard * members] = Role.leader;
    raft.leaderSince[shard] = -rng.next() * raft.heartbeatMs;
  }
  return raft;
}

/**
 * Routes job `j` (already known to need the leader) of `shard`: the leader, -1 to fail it, or
 * PARKED when it waits for the next leader.
 */
export const PARKED = -2;
export function leaderOf(w: World, s: ServerRt, j: number, shard: number): number {
  const p = s.primary[shard];
  if (p >= 0 && s.state[p] === ReplicaState.alive) return p;
  const raft = s.raft as RaftRt;
  if (!raft.wait) return -1;
  w.jobs.state[j] = JobState.awaitingLeader;
  raft.waiting[shard].push(j);
  return PARKED;
}

/** The leader's wait for a quorum's acknowledgement of a write, or -1 if too few members are alive. */
export function commitMs(s: ServerRt, leader: number): number {
  const raft = s.raft as RaftRt;
  const need = raft.majority - 1;
  if (need === 0) return 0;
  const base = Math.floor(leader / s.perShard) * s.perShard;
  // The need-th fastest acknowledgement among the live followers: an insertion sort of a few draws.
  const acks: number[] = [];
  for (let m = base; m < base + s.perShard; m++) {
    if (m === leader || s.state[m] !== ReplicaState.alive) continue;
    const rtt = rttMs(raft);
    let k = acks.length;
    acks.push(rtt);
    while (k > 0 && acks[k - 1] > rtt) {
      acks[k] = acks[k - 1];
      k--;
    }
    acks[k] = rtt;
  }
  return acks.length >= need ? acks[need - 1] : -1;
}

/** Member `r` died or left rotation: if it led, its followers' timers start from its last heartbeat. */
export function raftMemberLost(w: World, s: ServerRt, r: number): void {
  const raft = s.raft as RaftRt;
  raft.timerGen[r]++;
  const led = raft.role[r] === Role.leader;
  raft.role[r] = Role.follower;
  if (led) leaderLost(w, s, Math.floor(r / s.perShard));
}

/**
 * Member `r` is back, as a follower: it hears the leader's next heartbeat (and so learns its term), or
 * takes part in the election under way.
 */
export function raftMemberUp(w: World, s: ServerRt, r: number): void {
  const raft = s.raft as RaftRt;
  raft.role[r] = Role.follower;
  const shard = Math.floor(r / s.perShard);
  const leader = s.primary[shard];
  if (leader < 0) {
    armTimer(w, s, r, randomTimeout(raft));
    return;
  }
  const since = raft.leaderSince[shard];
  const nextBeat = since + Math.ceil((w.k.now - since) / raft.heartbeatMs) * raft.heartbeatMs;
  send(w, s, Msg.beatDue, r, leader, raft.term[leader], nextBeat - w.k.now);
}

/** A Raft message (or timer) arrives. */
export function raftMessage(w: World, s: ServerRt, id: number): void {
  const raft = s.raft as RaftRt;
  const kind = raft.msgKind[id];
  const from = raft.msgFrom[id];
  const to = raft.msgTo[id];
  const term = raft.msgTerm[id];
  raft.free.push(id);
  if (s.state[to] !== ReplicaState.alive) return; // lost on a dead member
  switch (kind) {
    case Msg.timer:
      if (raft.timerGen[to] === term && raft.role[to] !== Role.leader) startElection(w, s, to);
      return;
    case Msg.voteRequest:
      if (term > raft.term[to]) stepDown(w, s, to, term);
      if (term === raft.term[to] && raft.votedTerm[to] < term) {
        raft.votedTerm[to] = term;
        armTimer(w, s, to, randomTimeout(raft));
        send(w, s, Msg.voteGranted, to, from, term, rttMs(raft) / 2);
      }
      return;
    case Msg.voteGranted:
      if (raft.role[to] === Role.candidate && raft.term[to] === term && ++raft.votes[to] >= raft.majority)
        becomeLeader(w, s, to);
      return;
    case Msg.beatDue:
      if (raft.role[to] === Role.leader && raft.term[to] === term)
        send(w, s, Msg.heartbeat, to, from, term, rttMs(raft) / 2);
      return;
    case Msg.heartbeat:
      if (term < raft.term[to]) return;
      if (term > raft.term[to]) stepDown(w, s, to, term);
      raft.role[to] = Role.follower;
      raft.timerGen[to]++; // the leader's heartbeats keep it quiet from now on
      return;
  }
}

function startElection(w: World, s: ServerRt, c: number): void {
  const raft = s.raft as RaftRt;
  const term = ++raft.term[c];
  raft.role[c] = Role.candidate;
  raft.votedTerm[c] = term;
  raft.votes[c] = 1;
  if (raft.votes[c] >= raft.majority) {
    becomeLeader(w, s, c);
    return;
  }
  armTimer(w, s, c, randomTimeout(raft)); // a split vote: try again in the next term
  const base = Math.floor(c / s.perShard) * s.perShard;
  for (let m = base; m < base + s.perShard; m++)
    if (m !== c) send(w, s, Msg.voteRequest, c, m, term, rttMs(raft) / 2);
}

function becomeLeader(w: World, s: ServerRt, c: number): void {
  const raft = s.raft as RaftRt;
  const shard = Math.floor(c / s.perShard);
  raft.role[c] = Role.leader;
  raft.timerGen[c]++;
  s.primary[shard] = c;
  s.electing[shard] = 0;
  raft.leaderSince[shard] = w.k.now;
  const tookMs = w.k.now - raft.lostAt[shard];
  w.recorder.log(
    w,
    'failover',
    s.id,
    '',
    message('event.raftElected', {
      shard,
      instance: c,
      term: raft.term[c],
      ms: Math.round(tookMs * 10) / 10,
    }),
  );
  const base = shard * s.perShard;
  for (let m = base; m < base + s.perShard; m++)
    if (m !== c) send(w, s, Msg.heartbeat, c, m, raft.term[c], rttMs(raft) / 2);
  const waiting = raft.waiting[shard];
  while (waiting.length > 0) {
    const j = waiting.shift();
    w.jobs.replica[j] = c;
    admit(w, s, j, c);
  }
}

/** A member learns of a later term: it takes it and follows (a leader of an earlier term steps down). */
function stepDown(w: World, s: ServerRt, m: number, term: number): void {
  const raft = s.raft as RaftRt;
  raft.term[m] = term;
  if (raft.role[m] === Role.leader) {
    raft.role[m] = Role.follower;
    leaderLost(w, s, Math.floor(m / s.perShard));
    armTimer(w, s, m, randomTimeout(raft));
  } else raft.role[m] = Role.follower;
}

function leaderLost(w: World, s: ServerRt, shard: number): void {
  const raft = s.raft as RaftRt;
  const now = w.k.now;
  s.primary[shard] = -1;
  s.electing[shard] = 1;
  raft.lostAt[shard] = now;
  // The last heartbeat went out at a multiple of the interval since the leader took office.
  const since = raft.leaderSince[shard];
  const lastBeat = since + Math.floor((now - since) / raft.heartbeatMs) * raft.heartbeatMs;
  const base = shard * s.perShard;
  for (let m = base; m < base + s.perShard; m++) {
    if (s.state[m] !== ReplicaState.alive || raft.role[m] !== Role.follower) continue;
    const firesAt = lastBeat + rttMs(raft) / 2 + randomTimeout(raft);
    armTimer(w, s, m, Math.max(0, firesAt - now));
  }
}

function armTimer(w: World, s: ServerRt, m: number, delayMs: number): void {
  const raft = s.raft as RaftRt;
  send(w, s, Msg.timer, m, m, ++raft.timerGen[m], delayMs);
}

function send(
  w: World,
  s: ServerRt,
  kind: number,
  from: number,
  to: number,
  term: number,
  delayMs: number,
): void {
  const raft = s.raft as RaftRt;
  const id = raft.free.length > 0 ? (raft.free.pop() as number) : raft.msgKind.length;
  raft.msgKind[id] = kind;
  raft.msgFrom[id] = from;
  raft.msgTo[id] = to;
  raft.msgTerm[id] = term;
  w.k.schedule(delayMs, EventKind.raft, s.index, id);
}

function randomTimeout(raft: RaftRt): number {
  return raft.timeoutMs * (1 + raft.rng.next());
}

function rttMs(raft: RaftRt): number {
  return raft.peer === null ? 0 : Math.max(0, raft.peer.sample(raft.rng));
}
