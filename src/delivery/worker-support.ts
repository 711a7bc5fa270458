// Small helpers for the worker: an abortable sleep, a counting semaphore, and a render cache
// (one rendering per event, platform and language, not one per subscription).
import { renderKeyOf, type DeliveryJob } from './delivery-job.js';

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

export class Semaphore {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

const MAX_CACHED = 500;

export function cachedRender<Message>(render: (job: DeliveryJob) => Promise<Message>): (job: DeliveryJob) => Promise<Message> {
  const cache = new Map<string, Promise<Message>>();
  return (job) => {
    const key = `${renderKeyOf(job)}:${job.subscription.platform}:${job.subscription.locale}`;
    let rendered = cache.get(key);
    if (!rendered) {
      if (cache.size >= MAX_CACHED) cache.clear();
      rendered = render(job);
      rendered.catch(() => cache.delete(key));
      cache.set(key, rendered);
    }
    return rendered;
  };
}
