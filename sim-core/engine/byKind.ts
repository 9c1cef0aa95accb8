import { balancerArrive, balancerRoute } from './balancer.ts';
import { K, OK, P } from './codes.ts';
import type { Engine } from './Engine.ts';
import type { BalancerRt, EdgeRt, QueueRt, ServerRt } from './runtime.ts';
import { afterWork, serverArrive, stageChildDone } from './servers.ts';
import {
  cacheArrive,
  cacheChildDone,
  cacheResume,
  messageChildDone,
  poolArrive,
  queueArrive,
} from './stores.ts';
import { finishRoot } from './traffic.ts';

/**
 * The three points where a request's life branches by node kind: a job arrives, a job's pure delay
 * ends, a caller learns how its call went. Each is one switch over the kind code.
 */

/** Job `j` has arrived at its node. */
export function deliver(e: Engine, j: number): void {
  const node = e.nodes[e.jobs.node[j]];
  switch (node.kind) {
    case K.service:
    case K.database:
      serverArrive(e, node as ServerRt, j);
      return;
    case K.loadBalancer:
      balancerArrive(e, node as BalancerRt, j);
      return;
    case K.pool:
      poolArrive(e, node, j);
      return;
    case K.cache:
      cacheArrive(e, node, j);
      return;
    case K.queue:
      queueArrive(e, node as QueueRt, j);
      return;
  }
}

/** Job `j`'s pure delay (overhead, injected latency, cache lookup, broker ack) is over. */
export function resume(e: Engine, j: number): void {
  const node = e.nodes[e.jobs.node[j]];
  e.seg(j, node.index, P.work, e.now - e.jobs.mark[j]);
  switch (node.kind) {
    case K.service:
    case K.database:
      afterWork(e, node as ServerRt, j);
      return;
    case K.loadBalancer:
      balancerRoute(e, node as BalancerRt, j);
      return;
    case K.cache:
      cacheResume(e, node, j);
      return;
    case K.queue:
      e.finishJob(j, OK);
      return;
  }
}

/** Caller job `j` learns the outcome of its call along `edge`, with the call's critical path. */
export function childDone(
  e: Engine,
  j: number,
  edge: EdgeRt,
  code: number,
  head: number,
  tail: number,
): void {
  const node = e.nodes[e.jobs.node[j]];
  switch (node.kind) {
    case K.client:
      finishRoot(e, j, code, head);
      return;
    case K.service:
    case K.database:
      stageChildDone(e, j, edge, code, head, tail);
      return;
    case K.loadBalancer:
    case K.pool:
      if (code === OK) e.appendSegs(j, head, tail);
      e.finishJob(j, code);
      return;
    case K.cache:
      cacheChildDone(e, j, code, head, tail);
      return;
    case K.queue:
      e.segs.releaseList(head);
      messageChildDone(e, node as QueueRt, j, code);
      return;
  }
}
