// What the worker writes after an attempt that did not succeed (retry, dead, pause, move): one
// short statement or one small transaction each. Successful sends are written in batches by
// sent-recorder.ts instead; a send keeps its in-flight slot until its batch is written, so a crash
// can resend at most `maxInFlight` messages per platform and worker (Discord's nonce dedupes them).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { pause } from '../domain/subscriptions.js';
import type { SentMessageRef } from './channel-sender.js';
import type { DeliveryJob } from './delivery-job.js';
import { backoffMs, type RetryPolicy } from './limits.js';

export async function markSent(db: Kysely<Database>, job: DeliveryJob, now: Date, ref?: SentMessageRef): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      status: 'sent',
      sent_at: now.toISOString(),
      claimed_by: null,
      claimed_until: null,
      last_error: null,
      ...(ref ? { sent_chat_id: ref.chatId, sent_message_id: ref.messageId, sent_thread_id: ref.threadId } : {}),
    })
    .where('id', '=', job.id)
    .execute();
}

/**
 * One part of a message sent in several (deliveries.parts_sent counts them), in one transaction:
 * the first part's platform id in the delivery's own columns (where edits and reply-notices look),
 * a later one's in delivery_parts. Before the last part the delivery goes back to the queue, due
 * now: the next part is claimed and paced by the rate budget like any message. Only the worker
 * holding the claim records, so a part is never counted twice.
 */
export async function markPartSent(db: Kysely<Database>, workerId: string, job: DeliveryJob, parts: number, now: Date, ref: SentMessageRef | undefined): Promise<void> {
  const part = job.partsSent;
  const last = part + 1 >= parts;
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('deliveries')
      .set({
        parts_sent: part + 1,
        claimed_by: null,
        claimed_until: null,
        last_error: null,
        ...(part === 0 && ref ? { sent_chat_id: ref.chatId, sent_message_id: ref.messageId, sent_thread_id: ref.threadId } : {}),
        ...(last ? { status: 'sent' as const, sent_at: at } : { status: 'pending' as const, due_at: at }),
      })
      .where('id', '=', job.id)
      .where('claimed_by', '=', workerId)
      .where('parts_sent', '=', part)
      .executeTakeFirst();
    if (part > 0 && ref && Number(claimed.numUpdatedRows) === 1) {
      await trx.insertInto('delivery_parts').values({ delivery_id: job.id, part, chat_id: ref.chatId, message_id: ref.messageId, thread_id: ref.threadId, sent_at: at }).execute();
    }
  });
}

/**
 * An edit that cannot be made (the message was deleted, the chat is gone): recorded with the
 * reason and done — cancelled, not dead, for nothing an admin retries would bring the message back.
 */
export async function markEditImpossible(db: Kysely<Database>, job: DeliveryJob, reason: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'cancelled', last_error: `edit impossible: ${reason}`.slice(0, 500), claimed_by: null, claimed_until: null })
    .where('id', '=', job.id)
    .execute();
}

/** Back to the queue, due at `dueAt`, without counting an attempt (429, deferral, shutdown). */
export async function requeue(db: Kysely<Database>, workerId: string, jobIds: readonly number[], dueAt: Date): Promise<void> {
  if (jobIds.length === 0) return;
  await db
    .updateTable('deliveries')
    .set({ status: 'pending', due_at: dueAt.toISOString(), claimed_by: null, claimed_until: null })
    .where('id', 'in', [...jobIds])
    .where('status', '=', 'sending')
    .where('claimed_by', '=', workerId)
    .execute();
}

/**
 * Back to the queue, each at its own time, in one statement per 500 (deferred sends: a batch of
 * forum topics defers one message per chat, and one UPDATE each held the batch's first sends).
 */
export async function requeueEach(db: Kysely<Database>, workerId: string, jobs: readonly { readonly id: number; readonly dueAt: Date }[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += 500) {
    const chunk = jobs.slice(i, i + 500);
    const dueAt = sql<string>`case ${sql.ref('id')} ${sql.join(
      chunk.map((j) => sql`when ${j.id} then ${j.dueAt.toISOString()}`),
      sql` `,
    )} end`;
    await db
      .updateTable('deliveries')
      .set({ status: 'pending', due_at: dueAt, claimed_by: null, claimed_until: null })
      .where('id', 'in', chunk.map((j) => j.id))
      .where('status', '=', 'sending')
      .where('claimed_by', '=', workerId)
      .execute();
  }
}

/** A 5xx, timeout or network error: retry after a backoff, or dead after too many attempts. */
export async function failTransient(
  db: Kysely<Database>,
  job: DeliveryJob,
  error: string,
  policy: RetryPolicy,
  now: Date,
  random: () => number,
): Promise<'retry' | 'dead'> {
  const attempts = job.attempts + 1;
  const dead = attempts >= policy.maxAttempts;
  const due = new Date(now.getTime() + backoffMs(policy, attempts, random));
  await db
    .updateTable('deliveries')
    .set({ status: dead ? 'dead' : 'pending', attempts, last_error: error.slice(0, 500), due_at: due.toISOString(), claimed_by: null, claimed_until: null })
    .where('id', '=', job.id)
    // Cancelled meanwhile (its subscription was paused): it stays cancelled, not queued for ever.
    .where('status', '=', 'sending')
    .execute();
  return dead ? 'dead' : 'retry';
}

/** Who is told of a pause: an owner on a platform some worker sends to. */
export interface Recipient {
  readonly platform: string;
  readonly userId: string;
}

/**
 * The platform refused for good (403, chat not found, kicked, blocked): this delivery is dead with
 * the reason, and the subscription is paused, which cancels its other deliveries not yet sent;
 * in the same transaction each owner's notice is queued (an outbox row like any other, so it is
 * retried, and a crash cannot lose it). Answers false when the subscription was paused already
 * (another of its deliveries got there first): this one is then just cancelled, and the owners
 * were told once.
 */
export async function failPermanent(db: Kysely<Database>, job: DeliveryJob, reason: string, now: Date, owners: readonly Recipient[] = []): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const sub = await trx.selectFrom('subscriptions').select('status').where('id', '=', job.subscription.id).executeTakeFirst();
    const first = sub?.status === 'active';
    await trx
      .updateTable('deliveries')
      .set({ status: first ? 'dead' : 'cancelled', last_error: reason.slice(0, 500), claimed_by: null, claimed_until: null })
      .where('id', '=', job.id)
      .execute();
    if (!first) return false;
    await pause(trx, job.subscription.id, reason, { actor: 'system:delivery', now });
    if (owners.length > 0) {
      const at = now.toISOString();
      await trx
        .insertInto('deliveries')
        .values(
          owners.map((owner) => ({
            event_id: job.event.id,
            subscription_id: job.subscription.id,
            kind: 'owner_notice' as const,
            edit_of: job.id,
            to_platform: owner.platform,
            to_user_id: owner.userId,
            status: 'pending' as const,
            due_at: at,
            created_at: at,
          })),
        )
        .execute();
    }
    return true;
  });
}

/** An owner's notice the platform refused for good (the owner never opened a chat with the bot): dead, with the reason. */
export async function failNotice(db: Kysely<Database>, job: DeliveryJob, reason: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'dead', attempts: job.attempts + 1, last_error: reason.slice(0, 500), claimed_by: null, claimed_until: null })
    .where('id', '=', job.id)
    .execute();
}
