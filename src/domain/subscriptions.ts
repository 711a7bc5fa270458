// Subscriptions: a chat (platform + chat id, plus a thread/topic when there is one) following one
// indicator or all ('*'), in a language. Every change is audited. A paused subscription gets no
// new deliveries (the outbox fan-out only matches active ones) and its pending ones are cancelled.
import { recordAudit } from './audit.js';
import type { DbOrTrx, WriteContext } from './db.js';
import { requireIndicator } from './indicators.js';
import { inTransaction } from './transaction.js';
import type { Locale } from './types.js';
import type { Frequency, SubscriptionsTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';

/** Every indicator. */
export const ALL_INDICATORS = '*';

export interface Subscription {
  readonly id: number;
  readonly platform: string;
  readonly chatId: string;
  /** Forum topic / Discord thread; null when none. */
  readonly threadId: string | null;
  /** An indicator slug or '*'. */
  readonly scope: string;
  readonly locale: Locale;
  /** Each event at once, or one digest a day or a week. */
  readonly frequency: Frequency;
  readonly status: 'active' | 'paused';
  readonly pausedReason: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ChatRef {
  readonly platform: string;
  readonly chatId: string;
  readonly threadId?: string | null;
}

export interface SubscribeInput extends ChatRef {
  readonly scope: string;
  readonly locale: Locale;
  /** Absent: a new subscription is immediate, an existing one keeps its frequency. */
  readonly frequency?: Frequency;
}

export type SubscribeOutcome = 'created' | 'resumed' | 'updated' | 'unchanged';

export function subscriptionFromRow(row: Selectable<SubscriptionsTable>): Subscription {
  return {
    id: row.id,
    platform: row.platform,
    chatId: row.chat_id,
    threadId: row.thread_id === '' ? null : row.thread_id,
    scope: row.scope,
    locale: row.locale as Locale,
    frequency: row.frequency,
    status: row.status,
    pausedReason: row.paused_reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function findOne(db: DbOrTrx, ref: ChatRef & { scope: string }) {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('platform', '=', ref.platform)
    .where('chat_id', '=', ref.chatId)
    .where('thread_id', '=', ref.threadId ?? '')
    .where('scope', '=', ref.scope)
    .executeTakeFirst();
}

export async function getSubscription(db: DbOrTrx, id: number): Promise<Subscription | undefined> {
  const row = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && subscriptionFromRow(row);
}

/**
 * Subscribes a chat; idempotent. Re-subscribing a paused one resumes it; the locale and the
 * frequency are brought up to date ('updated' when only they changed).
 */
export async function subscribe(
  db: DbOrTrx,
  input: SubscribeInput,
  ctx: WriteContext,
): Promise<{ subscription: Subscription; outcome: SubscribeOutcome }> {
  const scope = input.scope === ALL_INDICATORS ? ALL_INDICATORS : (await requireIndicator(db, input.scope)).slug;
  const at = ctx.now.toISOString();
  return inTransaction(db, async (trx) => {
    const key = { ...input, scope };
    let existing = await findOne(trx, key);
    if (!existing) {
      // Another admin's /subscribe for the same chat may be inserting this very row (PostgreSQL
      // runs them side by side): on conflict the insert waits for theirs and does nothing, and
      // this one carries on as a re-subscribe instead of failing on subscriptions_chat_scope_uq.
      const inserted = await trx
        .insertInto('subscriptions')
        .values({ platform: input.platform, chat_id: input.chatId, thread_id: input.threadId ?? '', scope, locale: input.locale, frequency: input.frequency ?? 'immediate', status: 'active', paused_reason: null, created_by: ctx.actor, created_at: at, updated_at: at })
        .onConflict((oc) => oc.columns(['platform', 'chat_id', 'thread_id', 'scope']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) existing = await findOne(trx, key);
      else return recordSubscribe(trx, key, null, 'created', ctx);
    }
    if (!existing) throw new Error('subscription row neither inserted nor found');
    const frequency = input.frequency ?? existing.frequency;
    if (existing.status === 'active' && existing.locale === input.locale && existing.frequency === frequency) {
      return { subscription: subscriptionFromRow(existing), outcome: 'unchanged' as const };
    }
    await trx
      .updateTable('subscriptions')
      .set({ status: 'active', paused_reason: null, locale: input.locale, frequency, updated_at: at })
      .where('id', '=', existing.id)
      .execute();
    return recordSubscribe(trx, key, existing, existing.status === 'paused' ? 'resumed' : 'updated', ctx);
  });
}

/** Reads the subscription back as written and audits the change from `before`. */
async function recordSubscribe(
  trx: DbOrTrx,
  key: ChatRef & { scope: string },
  before: Selectable<SubscriptionsTable> | null,
  outcome: SubscribeOutcome,
  ctx: WriteContext,
): Promise<{ subscription: Subscription; outcome: SubscribeOutcome }> {
  const subscription = subscriptionFromRow((await findOne(trx, key))!);
  await recordAudit(trx, { actor: ctx.actor, action: 'subscription.subscribe', target: `subscription:${subscription.id}`, before: before ? subscriptionFromRow(before) : null, after: subscription, at: ctx.now });
  return { subscription, outcome };
}

/** Removes a chat's subscription and its queued deliveries; false when there was none. */
export async function unsubscribe(db: DbOrTrx, ref: ChatRef & { scope: string }, ctx: WriteContext): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const existing = await findOne(trx, ref);
    if (!existing) return false;
    // Delivery rows reference the subscription; its history goes with it (the audit log keeps it).
    await trx.deleteFrom('deliveries').where('subscription_id', '=', existing.id).execute();
    await trx.deleteFrom('subscriptions').where('id', '=', existing.id).execute();
    await recordAudit(trx, { actor: ctx.actor, action: 'subscription.unsubscribe', target: `subscription:${existing.id}`, before: subscriptionFromRow(existing), after: null, at: ctx.now });
    return true;
  });
}

/** A chat's subscriptions: one thread's when `threadId` is given, else every thread's. */
export async function listForChat(db: DbOrTrx, ref: ChatRef): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('platform', '=', ref.platform)
    .where('chat_id', '=', ref.chatId)
    .$if(ref.threadId !== undefined, (q) => q.where('thread_id', '=', ref.threadId ?? ''))
    .orderBy('scope')
    .orderBy('id')
    .execute();
  return rows.map(subscriptionFromRow);
}

export async function listPaused(db: DbOrTrx): Promise<Subscription[]> {
  const rows = await db.selectFrom('subscriptions').selectAll().where('status', '=', 'paused').orderBy('updated_at').orderBy('id').execute();
  return rows.map(subscriptionFromRow);
}

/** Pauses a subscription with a reason and cancels its pending deliveries. */
export async function pause(db: DbOrTrx, id: number, reason: string, ctx: WriteContext): Promise<Subscription | undefined> {
  return inTransaction(db, async (trx) => {
    const before = await getSubscription(trx, id);
    if (!before) return undefined;
    const at = ctx.now.toISOString();
    await trx.updateTable('subscriptions').set({ status: 'paused', paused_reason: reason, updated_at: at }).where('id', '=', id).execute();
    // 'sending' too: a paused subscription's rows are never claimed again, so one left claimed by
    // a worker that died (or sent back to the queue after this) would wait for ever, and go out
    // late on a resume. A worker still sending one records what the platform answers over this.
    // The owners' notices of this or an earlier pause are about it, not to it: they still go.
    await trx
      .updateTable('deliveries')
      .set({ status: 'cancelled', last_error: `subscription paused: ${reason}`, claimed_by: null, claimed_until: null })
      .where('subscription_id', '=', id)
      .where('status', 'in', ['pending', 'sending'])
      .where('kind', '<>', 'owner_notice')
      .execute();
    const after = (await getSubscription(trx, id))!;
    await recordAudit(trx, { actor: ctx.actor, action: 'subscription.pause', target: `subscription:${id}`, before, after, at: ctx.now });
    return after;
  });
}

/** Resumes a paused subscription: it receives events from now on. */
export async function resume(db: DbOrTrx, id: number, ctx: WriteContext): Promise<Subscription | undefined> {
  return inTransaction(db, async (trx) => {
    const before = await getSubscription(trx, id);
    if (!before) return undefined;
    if (before.status === 'active') return before;
    await trx.updateTable('subscriptions').set({ status: 'active', paused_reason: null, updated_at: ctx.now.toISOString() }).where('id', '=', id).execute();
    const after = (await getSubscription(trx, id))!;
    await recordAudit(trx, { actor: ctx.actor, action: 'subscription.resume', target: `subscription:${id}`, before, after, at: ctx.now });
    return after;
  });
}

/**
 * Moves every subscription of a chat to a new chat id (a Telegram group upgraded to a
 * supergroup). One the new chat already has is dropped instead: that chat is served already.
 */
export async function moveChat(db: DbOrTrx, platform: string, fromChatId: string, toChatId: string, ctx: WriteContext): Promise<number> {
  return inTransaction(db, async (trx) => {
    let moved = 0;
    for (const sub of await listForChat(trx, { platform, chatId: fromChatId })) {
      const taken = await findOne(trx, { platform, chatId: toChatId, threadId: sub.threadId, scope: sub.scope });
      if (taken) {
        await pause(trx, sub.id, `chat migrated to ${toChatId}, already subscribed there`, ctx);
        continue;
      }
      await trx.updateTable('subscriptions').set({ chat_id: toChatId, updated_at: ctx.now.toISOString() }).where('id', '=', sub.id).execute();
      await recordAudit(trx, { actor: ctx.actor, action: 'subscription.move', target: `subscription:${sub.id}`, before: { chatId: fromChatId }, after: { chatId: toChatId }, at: ctx.now });
      moved += 1;
    }
    return moved;
  });
}
