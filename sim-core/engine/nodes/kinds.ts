import { appendSegs, finishJob, seg } from '../calls.ts';
import { NodeKind, OK, Phase } from '../codes.ts';
import type { EdgeRt } from '../EdgeRt.ts';
import type { World } from '../World.ts';
import { balancerArrive, balancerRoute } from './balancer.ts';
import { cacheArrive, cacheChildDone, cacheResume } from './cache.ts';
import { finishRoot } from './client.ts';
import { poolArrive, poolRelease } from './pool.ts';
import { messageChildDone, queueArrive } from './queue.ts';
import { afterWork, serverArrive, serverRelease, stageChildDone } from './server.ts';

/**
 * The interface every node kind offers the life of a request (`calls.ts`), as one switch per entry
 * point. A kind's file (`server.ts`, `cache.ts`, …) holds everything it does; these are the only
 * places that branch on the kind:
 *
 * - `deliver`: a job has reached the node (after the network): admit it, work on it, call on.
 * - `delayOver`: the job's pure delay at the node is over (overhead, injected latency, a lookup, an ack).
 * - `childDone`: a call the job made is over, with its outcome and the call's critical path.
 * - `release`: the job finishes at the node: give back what it holds (a slot, a connection).
 *
 * A kind records its own metrics into `node.acc` (arrivals, waits, queue and busy levels, hits);
 * `finishJob` records completions, errors and the latency every kind shares.
 */

/** Job `j` has arrived at its node. */
export function deliver(w: World, j: number): void {
  const index = w.jobs.node[j];
  switch (w.kindOf[index]) {
    case NodeKind.service:
    case NodeKind.database:
      serverArrive(w, w.servers[index], j);
      return;
    case NodeKind.loadBalancer:
      balancerArrive(w, w.balancers[index], j);
      return;
    case NodeKind.pool:
      poolArrive(w, w.pools[index], j);
      return;
    case NodeKind.cache:
      cacheArrive(w, w.caches[index], j);
      return;
    case NodeKind.queue:
      queueArrive(w, w.queues[index], j);
      return;
  }
}

/** Job `j`'s pure delay at its node is over. */
export function delayOver(w: World, j: number): void {
  const index = w.jobs.node[j];
  seg(w, j, index, Phase.work, w.k.now - w.jobs.phaseStart[j]);
  switch (w.kindOf[index]) {
    case NodeKind.service:
    case NodeKind.database:
      afterWork(w, j);
      return;
    case NodeKind.loadBalancer:
      balancerRoute(w, w.balancers[index], j);
      return;
    case NodeKind.cache:
      cacheResume(w, w.caches[index], j);
      return;
    case NodeKind.queue:
      finishJob(w, j, OK);
      return;
  }
}

/** Caller job `j` learns the outcome of its call along `edge`, with the call's critical path. */
export function childDone(w: World, j: number, edge: EdgeRt, code: number, head: number, tail: number): void {
  const index = w.jobs.node[j];
  switch (w.kindOf[index]) {
    case NodeKind.client:
      finishRoot(w, j, code, head);
      return;
    case NodeKind.service:
    case NodeKind.database:
      stageChildDone(w, j, edge, code, head, tail);
      return;
    case NodeKind.loadBalancer:
    case NodeKind.pool:
      if (code === OK) appendSegs(w, j, head, tail);
      else w.segs.releaseList(head);
      finishJob(w, j, code);
      return;
    case NodeKind.cache:
      cacheChildDone(w, w.caches[index], j, code, head, tail);
      return;
    case NodeKind.queue:
      w.segs.releaseList(head);
      messageChildDone(w, w.queues[index], j, code);
      return;
  }
}

/** Job `j` finishes at node `index`: what it holds there is given back. */
export function release(w: World, index: number, j: number): void {
  switch (w.kindOf[index]) {
    case NodeKind.service:
    case NodeKind.database:
      serverRelease(w, w.servers[index], j);
      return;
    case NodeKind.pool:
      poolRelease(w, w.pools[index], j);
      return;
  }
}
