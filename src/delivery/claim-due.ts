// Claiming due deliveries, oldest first. A claim marks rows 'sending' with the worker's id and a
// short lease, which the worker renews while it works on them (renewClaims); a 'sending' row whose
// lease ran out (its worker died) is due again, about one lease after the crash. On PostgreSQL
// the rows are picked with FOR UPDATE SKIP LOCKED, so workers claiming side by side never get the
// same row; SQLite is one process and its transactions are serialized anyway.
//
// An owner's notice of a pause goes to the owner, not to the (paused) subscription: it is claimed
// by the platform it goes to, whatever the subscription's status.
import { sql, type Kysely } from 'kysely';
import type { Capabilities } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import type { Locale } from '../domain/types.js';
import type { SentMessageRef } from './channel-sender.js';
import type { DeliveryJob } from './delivery-job.js';

export interface ClaimOptions {
  /** How long the claim holds before another worker may take the rows over. */
  readonly leaseMs?: number;
  /** Only deliveries to these platforms (the ones this worker has a sender for). */
  readonly platforms?: readonly string[];
}

/**
 * Short, so a crashed worker's deliveries wait about this long; the worker renews it every third
 * of it while it works (DELIVERY_LEASE_SECONDS).
 */
export const DEFAULT_LEASE_MS = 15_000;

/** Holds every delivery `workerId` has claimed and not yet recorded until `until`. */
export async function renewClaims(db: Kysely<Database>, workerId: string, until: Date): Promise<void> {
  await db.updateTable('deliveries').set({ claimed_until: until.toISOString() }).where('status', '=', 'sending').where('claimed_by', '=', workerId).execute();
}

export async function claimDue(
  db: Kysely<Database>,
  capabilities: Capabilities,
  workerId: string,
  limit: number,
  now: Date,
  options: ClaimOptions = {},
): Promise<DeliveryJob[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS)).toISOString();
  return db.transaction().execute(async (trx) => {
    // The subscription is checked by a scalar subquery, not a join: PostgreSQL keeps it a
    // per-row primary-key lookup, so the only table the planner can order is deliveries. As a
    // join, right after a fan-out (statistics not yet refreshed) it took the fresh subscriptions
    // for one row and rescanned every due delivery once per subscription: 11 s for 10,000.
    const platforms = options.platforms === undefined ? null : options.platforms.length > 0 ? options.platforms : [''];
    const picked = await trx
      .selectFrom('deliveries as d')
      .select('d.id')
      .where((w) =>
        w.or([
          w.and([w('d.status', '=', 'pending'), w('d.due_at', '<=', at)]),
          w.and([w('d.status', '=', 'sending'), w('d.claimed_until', '<', at)]),
        ]),
      )
      .where((w) =>
        w.or([
          w.and([w('d.kind', '=', 'owner_notice'), ...(platforms === null ? [] : [w('d.to_platform', 'in', platforms)])]),
          w.and([
            w('d.kind', '<>', 'owner_notice'),
            w(
              w
                .selectFrom('subscriptions as s')
                .select(
                  platforms === null
                    ? sql<boolean>`s.status = 'active'`.as('claimable')
                    : sql<boolean>`s.status = 'active' and s.platform in (${sql.join(platforms)})`.as('claimable'),
                )
                .whereRef('s.id', '=', 'd.subscription_id'),
              '=',
              sql<boolean>`true`,
            ),
          ]),
        ]),
      )
      .orderBy('d.due_at')
      .orderBy('d.id')
      .limit(limit)
      .$if(capabilities.skipLocked, (q) => q.forUpdate('d').skipLocked())
      .execute();
    const ids = picked.map((row) => row.id);
    if (ids.length === 0) return [];
    await trx.updateTable('deliveries').set({ status: 'sending', claimed_by: workerId, claimed_until: until }).where('id', 'in', ids).execute();
    const rows = await trx
      .selectFrom('deliveries as d')
      .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
      .innerJoin('events as e', 'e.id', 'd.event_id')
      // An edit's earlier message and the event it told of.
      .leftJoin('deliveries as o', 'o.id', 'd.edit_of')
      .leftJoin('events as oe', 'oe.id', 'o.event_id')
      .select(['d.id', 'd.kind', 'd.attempts', 'd.parts_sent', 'd.due_at', 'd.digest_period', 'd.to_platform', 'd.to_user_id', 'o.last_error as refused_error', 'e.id as event_id', 'e.kind as event_kind', 'e.figure_id', 'e.revision', 'e.created_at', 's.id as subscription_id', 's.platform', 's.chat_id', 's.thread_id', 's.scope', 's.locale', 's.frequency'])
      .select(['o.id as edit_id', 'o.status as edit_status', 'o.sent_chat_id as edit_chat_id', 'o.sent_message_id as edit_message_id', 'o.sent_thread_id as edit_thread_id', 'oe.id as edit_event_id', 'oe.kind as edit_event_kind', 'oe.revision as edit_revision'])
      .where('d.id', 'in', ids)
      .orderBy('d.due_at')
      .orderBy('d.id')
      .execute();
    const originals = await originalMessages(
      trx,
      rows.filter((r) => r.kind === 'send' && r.event_kind !== 'published'),
    );
    return rows.map((r): DeliveryJob => {
      const replyTo = r.kind === 'send' && r.event_kind !== 'published' ? originals.get(`${r.subscription_id}:${r.figure_id}`) : undefined;
      return {
        id: r.id,
        kind: r.kind,
        attempts: r.attempts,
        partsSent: r.parts_sent,
        event: { id: r.event_id, kind: r.event_kind, figureId: r.figure_id, revision: r.revision, createdAt: r.created_at },
        subscription: { id: r.subscription_id, platform: r.platform, chatId: r.chat_id, threadId: r.thread_id === '' ? null : r.thread_id, scope: r.scope, locale: r.locale as Locale, frequency: r.frequency },
        ...(r.kind === 'edit' && r.edit_id !== null && r.edit_event_id !== null && r.edit_event_kind !== null && r.edit_revision !== null
          ? {
              edit: {
                deliveryId: r.edit_id,
                status: r.edit_status ?? 'cancelled',
                ref: r.edit_chat_id !== null && r.edit_message_id !== null ? { chatId: r.edit_chat_id, messageId: r.edit_message_id, threadId: r.edit_thread_id } : null,
                event: { id: r.edit_event_id, kind: r.edit_event_kind, revision: r.edit_revision },
              },
            }
          : {}),
        ...(replyTo !== undefined ? { replyTo } : {}),
        ...(r.digest_period !== null ? { digestPeriod: r.digest_period } : {}),
        ...(r.kind === 'owner_notice' ? { notice: { platform: r.to_platform, userId: r.to_user_id, reason: r.refused_error ?? '' } } : {}),
      };
    });
  });
}

/**
 * The message that announced each figure to each subscription (its 'published' delivery), for the
 * notices of corrections and retractions to answer: one query for the whole batch.
 */
async function originalMessages(trx: Kysely<Database>, notices: readonly { subscription_id: number; figure_id: number }[]): Promise<Map<string, SentMessageRef>> {
  const found = new Map<string, SentMessageRef>();
  if (notices.length === 0) return found;
  const rows = await trx
    .selectFrom('deliveries as d')
    .innerJoin('events as e', 'e.id', 'd.event_id')
    .select(['d.subscription_id', 'e.figure_id', 'd.sent_chat_id', 'd.sent_message_id', 'd.sent_thread_id'])
    .where('d.kind', '=', 'send')
    .where('e.kind', '=', 'published')
    .where('d.sent_message_id', 'is not', null)
    .where('d.subscription_id', 'in', [...new Set(notices.map((n) => n.subscription_id))])
    .where('e.figure_id', 'in', [...new Set(notices.map((n) => n.figure_id))])
    .orderBy('d.id')
    .execute();
  for (const r of rows) {
    if (r.sent_chat_id !== null && r.sent_message_id !== null) found.set(`${r.subscription_id}:${r.figure_id}`, { chatId: r.sent_chat_id, messageId: r.sent_message_id, threadId: r.sent_thread_id });
  }
  return found;
}
