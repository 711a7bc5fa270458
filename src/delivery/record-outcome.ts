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

/**
 * The platform refused for good (403, chat not found, kicked, blocked): this delivery is dead with
 * the reason, and the subscription is paused, which cancels its other pending deliveries. Answers
 * false when the subscription was paused already (another of its deliveries got there first):
 * this one is then just cancelled, and the owners were told once.
 */
export async function failPermanent(db: Kysely<Database>, job: DeliveryJob, reason: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const sub = await trx.selectFrom('subscriptions').select('status').where('id', '=', job.subscription.id).executeTakeFirst();
    const first = sub?.status === 'active';
    await trx
      .updateTable('deliveries')
      .set({ status: first ? 'dead' : 'cancelled', last_error: reason.slice(0, 500), claimed_by: null, claimed_until: null })
      .where('id', '=', job.id)
      .execute();
    if (first) await pause(trx, job.subscription.id, reason, { actor: 'system:delivery', now });
    return first;
  });
}
