import type { Page } from '@playwright/test';

/**
 * A deterministic stuck worker, from outside the app: before the page loads, `Worker` is wrapped so
 * that a test can make every simulation worker alive at that moment swallow what is sent to it. To the
 * app that is exactly a worker caught in a loop: its calls never answer. The app has no switch for this;
 * it only uses the standard `Worker`.
 *
 * Only the simulation's workers are hung and counted: the live estimate's worker (`analysisWorker`,
 * started on load and restarted on its own deadline) is another supervisor's business.
 */
export async function watchWorkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Real = window.Worker;
    const started: Worker[] = [];
    const urls: string[] = [];
    const hung = new WeakSet<Worker>();
    const ended = new WeakSet<Worker>();
    class Watched extends Real {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        urls.push(String(url));
        if (!String(url).includes('analysisWorker')) started.push(this);
      }
      override postMessage(message: unknown, options?: Transferable[] | StructuredSerializeOptions): void {
        if (!hung.has(this)) super.postMessage(message, options as StructuredSerializeOptions);
      }
      override terminate(): void {
        ended.add(this);
        super.terminate();
      }
    }
    window.Worker = Watched;
    Object.assign(window, {
      e2eWorkers: {
        hang: () => {
          for (const worker of started) hung.add(worker);
        },
        started: () => started.length,
        urls: () => [...urls],
        live: () => started.filter((w) => !ended.has(w)).length,
      },
    });
  });
}

type Workers = { hang(): void; started(): number; live(): number; urls(): string[] };

/**
 * Hangs the simulation workers alive now (`hang`), counts those started so far or still alive, or gives
 * the scripts every worker was started from (`urls`), oldest first.
 */
export function workers<K extends keyof Workers>(page: Page, what: K): Promise<ReturnType<Workers[K]>> {
  return page.evaluate(
    (k) => (window as unknown as { e2eWorkers: Workers }).e2eWorkers[k](),
    what,
  ) as Promise<ReturnType<Workers[K]>>;
}
