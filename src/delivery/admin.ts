// What admins see and do about delivery: dead deliveries (with the last error) and a retry, and
// paused subscriptions (listPaused / resume live in src/domain/subscriptions.ts, re-exported).
import type { Kysely } from 'kysely';
import type { Database, EventKind } from '../../db/schema.js';
import { recordAudit } from '../domain/audit.js';
import type { DbOrTrx, WriteContext } from '../domain/db.js';
import { inTransaction } from '../domain/transaction.js';

export { listPaused, resume as resumeSubscription } from '../domain/subscriptions.js';

export interface DeadDelivery {
  readonly id: number;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly event: { readonly id: number; readonly kind: EventKind; readonly figureId: number };
  readonly subscription: { readonly id: number; readonly platform: string; readonly chatId: string; readonly scope: string };
}

/** Dead deliveries, newest first. */
export async function listDeadDeliveries(db: Kysely<Database>, limit = 50): Promise<DeadDelivery[]> {
  const rows = await db
    .selectFrom('deliveries as d')
    .innerJoin('events as e', 'e.id', 'd.event_id')
    .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
    .select(['d.id', 'd.attempts', 'd.last_error', 'd.created_at', 'e.id as event_id', 'e.kind', 'e.figure_id', 's.id as subscription_id', 's.platform', 's.chat_id', 's.scope'])
    .where('d.status', '=', 'dead')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    event: { id: r.event_id, kind: r.kind, figureId: r.figure_id },
    subscription: { id: r.subscription_id, platform: r.platform, chatId: r.chat_id, scope: r.scope },
  }));
}

/**
 * Queues a dead (or cancelled) delivery again with fresh attempts; false if there is none such.
 * Joins the caller's transaction: /deliveries runs inside the one that claims its update id.
 */
export async function retryDelivery(db: DbOrTrx, id: number, ctx: WriteContext): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('deliveries')
      .set({ status: 'pending', attempts: 0, due_at: ctx.now.toISOString(), claimed_by: null, claimed_until: null })
      .where('id', '=', id)
      .where('status', 'in', ['dead', 'cancelled'])
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordAudit(trx, { actor: ctx.actor, action: 'delivery.retry', target: `delivery:${id}`, at: ctx.now });
    return true;
  });
}
