// What admins see and do about deliveries that gave up: list the dead ones (newest first) and put
// one back in the queue. Paused subscriptions are listed and resumed in subscriptions.ts.
import type { EventKind } from '../../db/schema.js';
import { recordAudit } from './audit.js';
import type { DbOrTrx, WriteContext } from './db.js';
import { inTransaction } from './transaction.js';

export interface DeadDelivery {
  readonly id: number;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly event: { readonly kind: EventKind; readonly figureId: number };
  readonly subscription: {
    readonly id: number;
    readonly platform: string;
    readonly chatId: string;
    readonly threadId: string | null;
    readonly scope: string;
  };
}

/** The newest `limit` dead deliveries and how many there are in all. */
export async function listDeadDeliveries(db: DbOrTrx, limit: number): Promise<{ total: number; items: DeadDelivery[] }> {
  const { total } = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.countAll().as('total'))
    .where('status', '=', 'dead')
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('deliveries as d')
    .innerJoin('events as e', 'e.id', 'd.event_id')
    .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
    .select(['d.id', 'd.attempts', 'd.last_error', 'd.created_at', 'e.kind', 'e.figure_id', 's.id as subscription_id', 's.platform', 's.chat_id', 's.thread_id', 's.scope'])
    .where('d.status', '=', 'dead')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
  return {
    // pg answers count() as a string.
    total: Number(total),
    items: rows.map((r) => ({
      id: r.id,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at,
      event: { kind: r.kind, figureId: r.figure_id },
      subscription: { id: r.subscription_id, platform: r.platform, chatId: r.chat_id, threadId: r.thread_id === '' ? null : r.thread_id, scope: r.scope },
    })),
  };
}

export type RetryOutcome =
  | { readonly kind: 'retried' }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'not_dead' }
  /** A paused subscription gets nothing: resume it first. */
  | { readonly kind: 'subscription_paused'; readonly subscriptionId: number };

/** Puts a dead delivery back in the queue, due now, with a fresh attempt count. Audited. */
export async function retryDelivery(db: DbOrTrx, id: number, ctx: WriteContext): Promise<RetryOutcome> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('deliveries as d')
      .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
      .select(['d.status', 'd.attempts', 'd.last_error', 's.id as subscription_id', 's.status as subscription_status'])
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return { kind: 'not_found' };
    if (row.status !== 'dead') return { kind: 'not_dead' };
    if (row.subscription_status !== 'active') return { kind: 'subscription_paused', subscriptionId: row.subscription_id };
    await trx
      .updateTable('deliveries')
      .set({ status: 'pending', attempts: 0, due_at: ctx.now.toISOString(), claimed_by: null, claimed_until: null })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      action: 'delivery.retry',
      target: `delivery:${id}`,
      before: { status: row.status, attempts: row.attempts, lastError: row.last_error },
      after: { status: 'pending', attempts: 0 },
      at: ctx.now,
    });
    return { kind: 'retried' };
  });
}
