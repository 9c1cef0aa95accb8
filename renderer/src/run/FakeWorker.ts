import * as Comlink from 'comlink';
import { createSimWorkerApi } from '../../../sim-core/workerApi.ts';

/**
 * A worker in this thread: the real worker API behind a message channel. While `held`, the messages
 * sent to it wait (as behind a long call); `hang()` drops them for good, as a worker caught in a loop.
 */
export class FakeWorker extends EventTarget {
  terminated = false;
  held = false;
  private hung = false;
  private readonly waiting: unknown[] = [];
  private readonly port: MessagePort;

  constructor(clock?: () => number) {
    super();
    const channel = new MessageChannel();
    this.port = channel.port1;
    Comlink.expose(createSimWorkerApi(clock), channel.port2);
    this.port.addEventListener('message', (event) =>
      this.dispatchEvent(new MessageEvent('message', { data: (event as MessageEvent).data })),
    );
    this.port.start();
  }

  postMessage(data: unknown): void {
    if (this.terminated || this.hung) return;
    if (this.held) this.waiting.push(data);
    else this.port.postMessage(data);
  }

  hang(): void {
    this.hung = true;
  }

  /** Lets the waiting messages through, one after the other. */
  release(): void {
    this.held = false;
    for (const data of this.waiting.splice(0)) this.port.postMessage(data);
  }

  /** A failure outside any call, as an uncaught error in the worker's global scope. */
  fail(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }

  terminate(): void {
    this.terminated = true;
    this.port.close();
  }
}
