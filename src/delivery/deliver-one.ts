// One attempt at one delivery: render, send (or edit), and record what the platform answered.
// Every platform answer maps to exactly one outcome (DESIGN.md "Delivery"). An edit that cannot be
// made is recorded and done: it never pauses the subscription, and the notice is its own delivery.
// A refusal for good pauses the subscription and queues the owners' notices (record-outcome.ts);
// a notice an owner's platform refuses is dead, and pauses nothing.
// A message in several parts sends one part per attempt, recorded before the next is queued.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { moveChat } from '../domain/subscriptions.js';
import type { ChannelSender, EditResult, SendResult, SentMessageRef } from './channel-sender.js';
import { nonceOf, targetOf, type DeliveryJob } from './delivery-job.js';
import type { RetryPolicy } from './limits.js';
import { holdBudget } from './rate-budget.js';
import { failNotice, failPermanent, failTransient, markEditImpossible, markPartSent, markSent, requeue, type Recipient } from './record-outcome.js';

export type DeliveryOutcome = 'sent' | 'part_sent' | 'edited' | 'edit_impossible' | 'waiting' | 'rate_limited' | 'retry' | 'dead' | 'paused' | 'cancelled' | 'migrated';

/** An edit whose earlier message is still on its way is looked at again this much later. */
const ORIGINAL_PENDING_MS = 2000;

export interface DeliverContext<Message> {
  readonly db: Kysely<Database>;
  readonly workerId: string;
  readonly sender: ChannelSender<Message>;
  readonly render: (job: DeliveryJob) => Promise<Message>;
  readonly retry: RetryPolicy;
  /** Told when a subscription is paused (a notice each, through the outbox). */
  readonly owners: readonly Recipient[];
  readonly now: () => Date;
  readonly random: () => number;
  /** Records a successful send or edit (the worker batches these); one UPDATE each without it. */
  readonly recordSent?: (job: DeliveryJob, answeredAt: Date, ref: SentMessageRef | undefined) => Promise<void>;
  /**
   * A part of a split message answered well after its slot (a long digest takes a while to
   * build): the chat's next part must count from then. The worker pushes the chat's bucket.
   */
  readonly partAnswered?: (job: DeliveryJob, answeredAt: Date) => Promise<void>;
}

async function attempt<Message>(ctx: DeliverContext<Message>, job: DeliveryJob): Promise<SendResult> {
  try {
    // Only the first part answers the original; the rest follow it.
    const replyTo = job.replyTo !== undefined && job.partsSent === 0 ? { replyTo: job.replyTo } : {};
    return await ctx.sender.send(targetOf(job), await ctx.render(job), nonceOf(job), { ...replyTo, part: job.partsSent });
  } catch (error) {
    // A sender classifies platform answers itself; anything thrown is unexpected: retry it.
    return { kind: 'transient', error: error instanceof Error ? error.message : String(error) };
  }
}

async function attemptEdit<Message>(ctx: DeliverContext<Message>, job: DeliveryJob, ref: SentMessageRef): Promise<EditResult> {
  try {
    return await ctx.sender.edit(ref, await ctx.render(job));
  } catch (error) {
    return { kind: 'transient', error: error instanceof Error ? error.message : String(error) };
  }
}

export interface Delivered {
  readonly outcome: DeliveryOutcome;
  /** When the platform answered (before anything was recorded). */
  readonly answeredAt: Date;
  /** The platform refused the chat itself, for good: nothing more can be sent there. */
  readonly refused?: string;
}

/** Sends and records. */
export async function deliverOne<Message>(ctx: DeliverContext<Message>, job: DeliveryJob): Promise<Delivered> {
  if (job.kind === 'edit') return editOne(ctx, job);
  const result = await attempt(ctx, job);
  const answeredAt = ctx.now();
  const outcome = await record(ctx, job, result, answeredAt);
  return result.kind === 'permanent' && job.kind !== 'owner_notice' ? { outcome, answeredAt, refused: result.reason } : { outcome, answeredAt };
}

/**
 * A delivery to a chat that refused another one for good while this one waited its turn: recorded
 * as if it had been refused too (its subscription paused or its message cancelled; an edit
 * impossible), without sending it.
 */
export async function deliverStopped<Message>(ctx: DeliverContext<Message>, job: DeliveryJob, reason: string): Promise<Delivered> {
  const now = ctx.now();
  if (job.kind === 'edit') {
    await markEditImpossible(ctx.db, job, reason);
    return { outcome: 'edit_impossible', answeredAt: now };
  }
  return { outcome: await record(ctx, job, { kind: 'permanent', reason }, now), answeredAt: now };
}

async function editOne<Message>(ctx: DeliverContext<Message>, job: DeliveryJob): Promise<Delivered> {
  const original = job.edit;
  const now = ctx.now();
  if (original?.ref == null) {
    // Still being sent: once it is, it can be edited. Never sent (dead, cancelled, sent before
    // message ids were kept): there is nothing to edit.
    if (original !== undefined && (original.status === 'pending' || original.status === 'sending')) {
      await requeue(ctx.db, ctx.workerId, [job.id], new Date(now.getTime() + ORIGINAL_PENDING_MS));
      return { outcome: 'waiting', answeredAt: now };
    }
    await markEditImpossible(ctx.db, job, 'the earlier message has no platform id (never sent, or sent before ids were kept)');
    return { outcome: 'edit_impossible', answeredAt: now };
  }
  const result = await attemptEdit(ctx, job, original.ref);
  const answeredAt = ctx.now();
  switch (result.kind) {
    case 'edited':
      await (ctx.recordSent ? ctx.recordSent(job, answeredAt, undefined) : markSent(ctx.db, job, answeredAt));
      return { outcome: 'edited', answeredAt };
    case 'impossible':
      await markEditImpossible(ctx.db, job, result.reason);
      return { outcome: 'edit_impossible', answeredAt };
    default:
      return { outcome: await record(ctx, job, result, answeredAt), answeredAt };
  }
}

async function record<Message>(ctx: DeliverContext<Message>, job: DeliveryJob, result: SendResult | Extract<EditResult, { kind: 'rate_limited' | 'transient' }>, now: Date): Promise<DeliveryOutcome> {
  // The bucket of the platform it went to (an owner's notice may go to another than its subscription's).
  const { platform } = targetOf(job);
  const { chatId } = job.subscription;
  switch (result.kind) {
    case 'sent': {
      const parts = result.parts ?? 1;
      if (parts > 1 || job.partsSent > 0) {
        // Before the next part can be claimed: it is planned from the chat's bucket.
        await ctx.partAnswered?.(job, now);
        await markPartSent(ctx.db, ctx.workerId, job, parts, now, result.ref);
        return job.partsSent + 1 >= parts ? 'sent' : 'part_sent';
      }
      await (ctx.recordSent ? ctx.recordSent(job, now, result.ref) : markSent(ctx.db, job, now, result.ref));
      return 'sent';
    }
    case 'rate_limited': {
      // The whole bot waits, not only this delivery: the limit hit is usually the overall one.
      const until = now.getTime() + result.retryAfterMs;
      await holdBudget(ctx.db, platform, until);
      await requeue(ctx.db, ctx.workerId, [job.id], new Date(until));
      return 'rate_limited';
    }
    case 'transient':
      return failTransient(ctx.db, job, result.error, ctx.retry, now, ctx.random);
    case 'permanent':
      if (job.kind === 'owner_notice') {
        await failNotice(ctx.db, job, result.reason);
        return 'dead';
      }
      return (await failPermanent(ctx.db, job, result.reason, now, ctx.owners)) ? 'paused' : 'cancelled';
    case 'migrated':
      // An owner is a user, whose private chat never migrates: a platform answering so is refusing it.
      if (job.kind === 'owner_notice') {
        await failNotice(ctx.db, job, `chat migrated to ${result.chatId}`);
        return 'dead';
      }
      await moveChat(ctx.db, platform, chatId, result.chatId, { actor: 'system:delivery', now });
      await requeue(ctx.db, ctx.workerId, [job.id], now);
      return 'migrated';
  }
}
