// The delivery worker: for each platform it has a sender for, a loop claims a batch of due
// deliveries (oldest first), plans their send times against the shared rate budget, and sends
// each at its time with a bounded number in flight. It claims the next batch shortly before the
// current one runs out, so the rate stays at the limit without gaps. stop() lets sends in progress
// finish and puts the claimed-but-unsent deliveries back in the queue.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Kysely } from 'kysely';
import type { Capabilities } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { ChannelSender } from './channel-sender.js';
import { claimDue, DEFAULT_LEASE_MS } from './claim-due.js';
import { deliverOne, type DeliverContext, type NotifyOwners } from './deliver-one.js';
import type { DeliveryJob } from './delivery-job.js';
import { DEFAULT_LIMITS, DEFAULT_RETRY, type DeliveryLimits, type PlatformLimits, type RetryPolicy } from './limits.js';
import { lateSend, planSends } from './rate-budget.js';
import { requeue } from './record-outcome.js';
import { cachedRender, Semaphore, abortableSleep, type Sleep } from './worker-support.js';

export interface WorkerOptions<Message> {
  readonly db: Kysely<Database>;
  readonly capabilities: Capabilities;
  readonly senders: Readonly<Record<string, ChannelSender<Message>>>;
  /** Renders a notification; called once per (event, platform, locale) and reused. */
  readonly render: (job: DeliveryJob) => Promise<Message>;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly metrics?: Metrics;
  readonly notifyOwners?: NotifyOwners;
  readonly limits?: DeliveryLimits;
  readonly retry?: RetryPolicy;
  readonly workerId?: string;
  readonly leaseMs?: number;
  /** How long an idle loop waits before looking for due deliveries again. */
  readonly pollMs?: number;
  /** How many seconds of sending (at the overall limit) one claim covers. */
  readonly batchSeconds?: number;
  /** Sends in flight at once per platform (also bounds what a crash can leave unrecorded). */
  readonly maxInFlight?: number;
  readonly now?: () => Date;
  readonly sleep?: Sleep;
  readonly random?: () => number;
}

export interface Worker {
  readonly id: string;
  start(): void;
  stop(): Promise<void>;
}

export function createWorker<Message>(options: WorkerOptions<Message>): Worker {
  const workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? abortableSleep;
  const { db, logger } = options;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const render = cachedRender(options.render);
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  const pending = new Set<Promise<void>>();
  const unsent: number[] = [];
  let loops: Promise<void>[] = [];
  const waiters: (() => void)[] = [];

  const notifyOwners: NotifyOwners = async (text, notice) => {
    logger.warn({ notice }, text);
    await options.notifyOwners?.(text, notice).catch((error: unknown) => logger.error({ err: error }, 'telling the owners failed'));
  };

  async function sendAt(context: DeliverContext<Message>, semaphore: Semaphore, job: DeliveryJob, at: number, sendBy: number): Promise<void> {
    await sleep(at - now().getTime(), abort.signal);
    if (!abort.signal.aborted) await semaphore.acquire();
    else return void unsent.push(job.id);
    if (abort.signal.aborted) {
      unsent.push(job.id);
      return semaphore.release();
    }
    if (now().getTime() > sendBy) {
      // Our claim is (nearly) over: another worker, or this one, may take the delivery over at any
      // moment, so sending now could send it twice. Leave it to whoever claims it next.
      logger.warn({ delivery: job.id }, 'claim about to expire before its send; left for the next claim');
      return semaphore.release();
    }
    try {
      const { outcome, answeredAt } = await deliverOne(context, job);
      options.metrics?.deliveries.inc({ platform: job.subscription.platform, outcome });
      if (outcome === 'sent') await lateSend(db, job.subscription.platform, limits[job.subscription.platform] ?? { perSecond: 1 }, job.subscription.chatId, at, answeredAt.getTime());
    } catch (error) {
      logger.error({ err: error, delivery: job.id }, 'recording a delivery failed; it is retried when its claim expires');
    } finally {
      semaphore.release();
    }
  }

  async function runBatch(platform: string, platformLimits: PlatformLimits, context: DeliverContext<Message>, semaphore: Semaphore): Promise<number> {
    // What is claimed must be sent well within the lease: at most two batches wait at a time, and
    // a batch covers at most an eighth of the lease at the overall rate.
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    const batch = Math.max(1, Math.ceil(platformLimits.perSecond * Math.min(options.batchSeconds ?? 2, leaseMs / 8000)));
    // Not Promise.race(pending): that would add a reaction to every pending send on each call.
    while (pending.size >= batch * 2 && !abort.signal.aborted) await new Promise<void>((resolve) => waiters.push(resolve));
    const claimedAt = now().getTime();
    const jobs = await claimDue(db, options.capabilities, workerId, batch, new Date(claimedAt), { leaseMs, platforms: [platform] });
    if (jobs.length === 0) return options.pollMs ?? 1000;
    // A send starts in the first half of the lease; the second half covers the send and its record
    // (so a sender's timeout must stay under half the lease).
    const sendBy = claimedAt + leaseMs / 2;
    const plan = await planSends(db, options.capabilities, platform, platformLimits, jobs, now().getTime());
    for (const { job, retryAtMs } of plan.deferred) await requeue(db, workerId, [job.id], new Date(retryAtMs));
    for (const { job, sendAtMs } of plan.scheduled) {
      const task = sendAt(context, semaphore, job, sendAtMs, sendBy).finally(() => {
        pending.delete(task);
        for (const wake of waiters.splice(0)) wake();
      });
      pending.add(task);
    }
    const last = plan.scheduled.at(-1)?.sendAtMs ?? 0;
    return Math.max(0, last - now().getTime() - 500);
  }

  async function loop(platform: string, sender: ChannelSender<Message>): Promise<void> {
    const platformLimits = limits[platform] ?? { perSecond: 1 };
    const semaphore = new Semaphore(options.maxInFlight ?? 16);
    const context: DeliverContext<Message> = { db, workerId, sender, render, retry: options.retry ?? DEFAULT_RETRY, notifyOwners, now, random: options.random ?? Math.random };
    while (!abort.signal.aborted) {
      let wait: number;
      try {
        wait = await runBatch(platform, platformLimits, context, semaphore);
      } catch (error) {
        logger.error({ err: error, platform }, 'delivery loop failed; trying again');
        wait = options.pollMs ?? 1000;
      }
      if (wait > 0) await sleep(wait, abort.signal);
    }
  }

  return {
    id: workerId,
    start() {
      if (loops.length > 0) return;
      loops = Object.entries(options.senders).map(([platform, sender]) => loop(platform, sender));
      logger.info({ workerId, platforms: Object.keys(options.senders) }, 'delivery worker started');
    },
    async stop() {
      abort.abort();
      for (const wake of waiters.splice(0)) wake();
      await Promise.all(loops);
      await Promise.allSettled([...pending]);
      await requeue(db, workerId, unsent.splice(0), now());
      logger.info({ workerId }, 'delivery worker stopped');
    },
  };
}
