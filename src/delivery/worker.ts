// The delivery worker: for each platform it has a sender for, a loop claims a batch of due
// deliveries (oldest first), plans their send times against the shared rate budget, and sends
// each at its time with a bounded number in flight. It claims the next batch shortly before the
// current one runs out, so the rate stays at the limit without gaps. stop() lets sends in progress
// finish and puts the claimed-but-unsent deliveries back in the queue. Successful sends are
// recorded in batches (sent-recorder.ts), each holding its in-flight slot until written.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Kysely } from 'kysely';
import type { Capabilities } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { ChannelSender, SentMessageRef } from './channel-sender.js';
import type { DigestClock } from './digest-period.js';
import { scheduleDigests } from './schedule-digests.js';
import { claimDue, DEFAULT_LEASE_MS } from './claim-due.js';
import { deliverOne, type DeliverContext, type NotifyOwners } from './deliver-one.js';
import type { DeliveryJob } from './delivery-job.js';
import { DEFAULT_LIMITS, DEFAULT_RETRY, type DeliveryLimits, type PlatformLimits, type RetryPolicy } from './limits.js';
import { lateChat, planSends, raiseAll, type SendPlan } from './rate-budget.js';
import { requeue, requeueEach } from './record-outcome.js';
import { createSentRecorder } from './sent-recorder.js';
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
  /**
   * Sends in flight at once per platform, counting a sent message until its outcome is written:
   * this bounds what a crash can leave sent but unrecorded (Telegram resends at most this many).
   */
  readonly maxInFlight?: number;
  /** Successful sends are written in batches, each at most this long after its first answer. */
  readonly recordDelayMs?: number;
  readonly now?: () => Date;
  /** Daily and weekly digests: queued once their period ends at this local hour (none without it). */
  readonly digests?: DigestClock;
  /** How often digests due are looked for; default once a minute. */
  readonly digestCheckMs?: number;
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
  /** Sends in progress (until recorded). */
  const pending = new Set<Promise<void>>();
  /** The slot each send in progress was planned for (to tell a late send). */
  const slots = new Map<number, number>();
  /** Batches being dispatched, per platform. */
  const dispatching = new Map<string, Set<Promise<void>>>();
  const unsent: number[] = [];
  let loops: Promise<void>[] = [];
  const waiters: (() => void)[] = [];

  const notifyOwners: NotifyOwners = async (text, notice) => {
    logger.warn({ notice }, text);
    await options.notifyOwners?.(text, notice).catch((error: unknown) => logger.error({ err: error }, 'telling the owners failed'));
  };

  async function sendOne(context: DeliverContext<Message>, job: DeliveryJob, slotMs: number): Promise<void> {
    try {
      slots.set(job.id, slotMs);
      const { outcome } = await deliverOne(context, job);
      options.metrics?.deliveries.inc({ platform: job.subscription.platform, outcome });
    } catch (error) {
      logger.error({ err: error, delivery: job.id }, 'recording a delivery failed; it is retried when its claim expires');
    } finally {
      slots.delete(job.id);
    }
  }

  /**
   * Walks one planned batch in order, starting each send at its slot: one timer per wake-up
   * rather than one per message. A send holds its in-flight slot until its outcome is recorded.
   */
  async function dispatch(context: DeliverContext<Message>, semaphore: Semaphore, scheduled: SendPlan['scheduled'], sendBy: number): Promise<void> {
    const rest = (from: number) => scheduled.slice(from).map((s) => s.job.id);
    for (let i = 0; i < scheduled.length; i++) {
      const { job, sendAtMs } = scheduled[i]!;
      // Under a millisecond early is fine: the overall budget allows a second's burst and the
      // per-chat slots carry a margin (rate-budget.ts).
      const wait = sendAtMs - now().getTime();
      if (wait >= 1) await sleep(wait, abort.signal);
      if (!abort.signal.aborted) await semaphore.acquire();
      else return void unsent.push(...rest(i));
      if (abort.signal.aborted) {
        semaphore.release();
        return void unsent.push(...rest(i));
      }
      if (now().getTime() > sendBy) {
        // Our claim is half over: sending later could overlap with whoever claims these next
        // once it expires. The claim is still ours, so they go straight back to the queue.
        semaphore.release();
        logger.warn({ deliveries: scheduled.length - i, sendAtMs, at: now().getTime(), sendBy }, 'claim half over before these sends; back to the queue');
        return requeue(db, workerId, rest(i), now());
      }
      const task = sendOne(context, job, sendAtMs).finally(() => {
        semaphore.release();
        pending.delete(task);
      });
      pending.add(task);
    }
  }

  async function runBatch(platform: string, platformLimits: PlatformLimits, context: DeliverContext<Message>, semaphore: Semaphore): Promise<number> {
    // What is claimed must be sent well within the lease: at most two batches wait at a time, and
    // a batch covers at most an eighth of the lease at the overall rate.
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    const batch = Math.max(1, Math.ceil(platformLimits.perSecond * Math.min(options.batchSeconds ?? 2, leaseMs / 8000)));
    const mine = dispatching.get(platform)!;
    while (mine.size >= 2 && !abort.signal.aborted) await new Promise<void>((resolve) => waiters.push(resolve));
    if (abort.signal.aborted) return 0;
    const claimedAt = now().getTime();
    const jobs = await claimDue(db, options.capabilities, workerId, batch, new Date(claimedAt), { leaseMs, platforms: [platform] });
    if (jobs.length === 0) return options.pollMs ?? 1000;
    // A send starts in the first half of the lease; the second half covers the send and its record
    // (so a sender's timeout must stay under half the lease).
    const sendBy = claimedAt + leaseMs / 2;
    const plan = await planSends(db, options.capabilities, platform, platformLimits, jobs, now().getTime());
    const task = dispatch(context, semaphore, plan.scheduled, sendBy)
      .catch((error: unknown) => logger.error({ err: error, platform }, 'dispatching a batch failed; its deliveries are retried when their claim expires'))
      .finally(() => {
        mine.delete(task);
        for (const wake of waiters.splice(0)) wake();
      });
    mine.add(task);
    // After the dispatch has started: the batch's first slots are reserved from now on.
    await requeueEach(db, workerId, plan.deferred.map(({ job, retryAtMs }) => ({ id: job.id, dueAt: new Date(retryAtMs) })));
    const last = plan.scheduled.at(-1)?.sendAtMs ?? 0;
    return Math.max(0, last - now().getTime() - 500);
  }

  async function loop(platform: string, sender: ChannelSender<Message>): Promise<void> {
    const platformLimits = limits[platform] ?? { perSecond: 1 };
    const maxInFlight = options.maxInFlight ?? 16;
    const semaphore = new Semaphore(maxInFlight);
    // Batches of at most half the in-flight slots, so sends keep going while a batch is written.
    const recorder = createSentRecorder(db, {
      maxBatch: Math.max(1, Math.floor(maxInFlight / 2)),
      maxDelayMs: options.recordDelayMs ?? 10,
      raiseLate: (keys, untilMs) => raiseAll(db, keys, untilMs),
    });
    const recordSent = (job: DeliveryJob, answeredAt: Date, ref: SentMessageRef | undefined) =>
      recorder.record(job.id, answeredAt, lateChat(platform, platformLimits, job.subscription.chatId, slots.get(job.id) ?? answeredAt.getTime(), answeredAt.getTime()), ref);
    const partAnswered = async (job: DeliveryJob, answeredAt: Date) => {
      const late = lateChat(platform, platformLimits, job.subscription.chatId, slots.get(job.id) ?? answeredAt.getTime(), answeredAt.getTime());
      if (late !== null) await raiseAll(db, [late.key], late.untilMs);
    };
    const context: DeliverContext<Message> = { db, workerId, sender, render, retry: options.retry ?? DEFAULT_RETRY, notifyOwners, now, random: options.random ?? Math.random, recordSent, partAnswered };
    dispatching.set(platform, new Set());
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

  /** Queues the digests whose period ended; every worker may, the outbox keeps one per period. */
  async function digestLoop(clock: DigestClock): Promise<void> {
    while (!abort.signal.aborted) {
      try {
        const queued = await scheduleDigests(db, now(), clock);
        if (queued > 0) logger.info({ queued }, 'digests queued');
      } catch (error) {
        logger.error({ err: error }, 'queueing digests failed; trying again');
      }
      await sleep(options.digestCheckMs ?? 60_000, abort.signal);
    }
  }

  return {
    id: workerId,
    start() {
      if (loops.length > 0) return;
      loops = Object.entries(options.senders).map(([platform, sender]) => loop(platform, sender));
      if (options.digests && loops.length > 0) loops.push(digestLoop(options.digests));
      logger.info({ workerId, platforms: Object.keys(options.senders) }, 'delivery worker started');
    },
    async stop() {
      abort.abort();
      for (const wake of waiters.splice(0)) wake();
      await Promise.all(loops);
      await Promise.allSettled([...dispatching.values()].flatMap((set) => [...set]));
      await Promise.allSettled([...pending]);
      await requeue(db, workerId, unsent.splice(0), now());
      logger.info({ workerId }, 'delivery worker stopped');
    },
  };
}
