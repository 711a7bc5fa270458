// The delivery worker: for each platform it has a sender for, a loop claims a batch of due
// deliveries (oldest first), plans their send times against the shared rate budget, and sends
// each at its time with a bounded number in flight. It claims the next batch shortly before the
// current one runs out, so the rate stays at the limit without gaps. stop() lets sends in progress
// finish and puts the claimed-but-unsent deliveries back in the queue. Successful sends are
// recorded in batches (sent-recorder.ts), each holding its in-flight slot until written.
//
// Claims are short (DEFAULT_LEASE_MS) and renewed every third of the lease while the worker lives,
// so a crashed worker's deliveries are taken over about one lease later, and a live worker's never.
// Sends to one conversation go one at a time, each after the previous one's answer: when a chat
// refuses the bot for good, the sends to it still waiting their turn are stopped, never sent (they
// are recorded as refused: subscription paused, message cancelled, edit impossible).
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
import { claimDue, DEFAULT_LEASE_MS, renewClaims } from './claim-due.js';
import { deliverOne, deliverStopped, type DeliverContext, type Delivered } from './deliver-one.js';
import { conversationOf, targetOf, type DeliveryJob } from './delivery-job.js';
import { DEFAULT_LIMITS, DEFAULT_RETRY, type DeliveryLimits, type PlatformLimits, type RetryPolicy } from './limits.js';
import { lateChat, planSends, raiseAll, type SendPlan } from './rate-budget.js';
import { requeue, requeueEach, type Recipient } from './record-outcome.js';
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
  /** Told in a direct message when a subscription is paused; only those on a platform with a sender here. */
  readonly owners?: readonly Recipient[];
  readonly limits?: DeliveryLimits;
  readonly retry?: RetryPolicy;
  readonly workerId?: string;
  /** How long a claim holds unless renewed (every third of it, while the worker works). */
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

/** When a batch was claimed: its lease counts from `claimedAt`; a renewal begun after `returnedAt` covers it. */
interface ClaimedBatch {
  readonly claimedAt: number;
  readonly returnedAt: number;
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
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const owners = (options.owners ?? []).filter((owner) => options.senders[owner.platform] !== undefined);
  /** When the last renewal of all our claims began (it holds them a lease from then). */
  let renewedFrom = Number.NEGATIVE_INFINITY;
  /** The last send to each conversation, still in progress: the next one waits for its answer. */
  const lastSend = new Map<string, Promise<void>>();
  /** Conversations that refused the bot for good, with the reason and when it was answered. */
  const refused = new Map<string, { readonly reason: string; readonly atMs: number }>();

  /** Until when a batch claimed at `claimedAt` (the claim returned at `returnedAt`) is surely ours. */
  const heldUntil = (batch: ClaimedBatch): number => (renewedFrom >= batch.returnedAt ? renewedFrom : batch.claimedAt) + leaseMs;

  async function sendOne(context: DeliverContext<Message>, job: DeliveryJob, slotMs: number, batch: ClaimedBatch): Promise<void> {
    const conversation = conversationOf(job);
    try {
      slots.set(job.id, slotMs);
      // Refused after this batch was claimed: this send was already waiting, so it is stopped. A
      // claim made later is a fresh attempt (the subscription may have been resumed since).
      const stop = refused.get(conversation);
      const done: Delivered = stop !== undefined && stop.atMs >= batch.claimedAt ? await deliverStopped(context, job, stop.reason) : await deliverOne(context, job);
      if (done.refused !== undefined) refused.set(conversation, { reason: done.refused, atMs: done.answeredAt.getTime() });
      options.metrics?.deliveries.inc({ platform: targetOf(job).platform, outcome: done.outcome });
    } catch (error) {
      logger.error({ err: error, delivery: job.id }, 'recording a delivery failed; it is retried when its claim expires');
    } finally {
      slots.delete(job.id);
    }
  }

  /** Starts the send once the previous one to the same conversation has its answer. */
  function sendInTurn(context: DeliverContext<Message>, job: DeliveryJob, slotMs: number, batch: ClaimedBatch): Promise<void> {
    const conversation = conversationOf(job);
    const previous = lastSend.get(conversation);
    const task = (previous === undefined ? sendOne(context, job, slotMs, batch) : previous.then(() => sendOne(context, job, slotMs, batch))).finally(() => {
      if (lastSend.get(conversation) === task) lastSend.delete(conversation);
    });
    lastSend.set(conversation, task);
    return task;
  }

  /** Renews every claim of this worker every third of the lease, until it stops. */
  async function renewLoop(): Promise<void> {
    while (!abort.signal.aborted) {
      await sleep(leaseMs / 3, abort.signal);
      if (abort.signal.aborted) return;
      const startedAt = now().getTime();
      try {
        await renewClaims(db, workerId, new Date(startedAt + leaseMs));
        renewedFrom = startedAt;
      } catch (error) {
        // Not renewed: sends stop being started once a claim is half over (dispatch).
        logger.warn({ err: error, workerId }, 'renewing the claims failed; trying again');
      }
      forgetOldRefusals(startedAt);
    }
  }

  /** A refusal only stops sends claimed before it; those are long done after a few leases. */
  function forgetOldRefusals(atMs: number): void {
    for (const [conversation, { atMs: refusedAt }] of refused) if (refusedAt < atMs - 4 * leaseMs) refused.delete(conversation);
  }

  /**
   * Walks one planned batch in order, starting each send at its slot: one timer per wake-up
   * rather than one per message. A send holds its in-flight slot until its outcome is recorded.
   */
  async function dispatch(context: DeliverContext<Message>, semaphore: Semaphore, scheduled: SendPlan['scheduled'], batch: ClaimedBatch): Promise<void> {
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
      // A send starts in the first half of what is surely still our claim; the second half covers
      // the send and its record (so a sender's timeout must stay under half the lease). Renewed
      // claims never get there; claims whose renewal keeps failing (the database is away) do.
      const sendBy = heldUntil(batch) - leaseMs / 2;
      if (now().getTime() > sendBy) {
        // Sending later could overlap with whoever claims these next once the claim expires. The
        // claim is still ours, so they go straight back to the queue.
        semaphore.release();
        logger.warn({ deliveries: scheduled.length - i, sendAtMs, at: now().getTime(), sendBy }, 'claim half over before these sends; back to the queue');
        return requeue(db, workerId, rest(i), now());
      }
      const task = sendInTurn(context, job, sendAtMs, batch).finally(() => {
        semaphore.release();
        pending.delete(task);
      });
      pending.add(task);
    }
  }

  async function runBatch(platform: string, platformLimits: PlatformLimits, context: DeliverContext<Message>, semaphore: Semaphore): Promise<number> {
    // What is claimed must be sent well within the lease: at most two batches wait at a time, and
    // a batch covers at most an eighth of the lease at the overall rate.
    const batch = Math.max(1, Math.ceil(platformLimits.perSecond * Math.min(options.batchSeconds ?? 2, leaseMs / 8000)));
    const mine = dispatching.get(platform)!;
    while (mine.size >= 2 && !abort.signal.aborted) await new Promise<void>((resolve) => waiters.push(resolve));
    if (abort.signal.aborted) return 0;
    const claimedAt = now().getTime();
    const jobs = await claimDue(db, options.capabilities, workerId, batch, new Date(claimedAt), { leaseMs, platforms: [platform] });
    if (jobs.length === 0) return options.pollMs ?? 1000;
    const claimed: ClaimedBatch = { claimedAt, returnedAt: now().getTime() };
    const plan = await planSends(db, options.capabilities, platform, platformLimits, jobs, now().getTime());
    const task = dispatch(context, semaphore, plan.scheduled, claimed)
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
      recorder.record(job.id, answeredAt, lateChat(platform, platformLimits, targetOf(job).chatId, slots.get(job.id) ?? answeredAt.getTime(), answeredAt.getTime()), ref);
    const partAnswered = async (job: DeliveryJob, answeredAt: Date) => {
      const late = lateChat(platform, platformLimits, targetOf(job).chatId, slots.get(job.id) ?? answeredAt.getTime(), answeredAt.getTime());
      if (late !== null) await raiseAll(db, [late.key], late.untilMs);
    };
    const context: DeliverContext<Message> = { db, workerId, sender, render, retry: options.retry ?? DEFAULT_RETRY, owners, now, random: options.random ?? Math.random, recordSent, partAnswered };
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
      if (loops.length > 0) loops.push(renewLoop());
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
