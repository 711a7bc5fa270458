// Claiming due deliveries, oldest first. A claim marks rows 'sending' with the worker's id and a
// lease; a 'sending' row whose lease ran out (its worker died) is due again. On PostgreSQL the
// rows are picked with FOR UPDATE SKIP LOCKED, so workers claiming side by side never get the
// same row; SQLite is one process and its transactions are serialized anyway.
import { sql, type Kysely } from 'kysely';
import type { Capabilities } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import type { Locale } from '../domain/types.js';
import type { DeliveryJob } from './delivery-job.js';

export interface ClaimOptions {
  /** How long the claim holds before another worker may take the rows over. */
  readonly leaseMs?: number;
  /** Only deliveries to these platforms (the ones this worker has a sender for). */
  readonly platforms?: readonly string[];
}

export const DEFAULT_LEASE_MS = 60_000;

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
      .where(
        (w) =>
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
      .select(['d.id', 'd.attempts', 'd.due_at', 'e.id as event_id', 'e.kind', 'e.figure_id', 'e.revision', 'e.created_at', 's.id as subscription_id', 's.platform', 's.chat_id', 's.thread_id', 's.scope', 's.locale'])
      .where('d.id', 'in', ids)
      .orderBy('d.due_at')
      .orderBy('d.id')
      .execute();
    return rows.map(
      (r): DeliveryJob => ({
        id: r.id,
        attempts: r.attempts,
        event: { id: r.event_id, kind: r.kind, figureId: r.figure_id, revision: r.revision, createdAt: r.created_at },
        subscription: { id: r.subscription_id, platform: r.platform, chatId: r.chat_id, threadId: r.thread_id === '' ? null : r.thread_id, scope: r.scope, locale: r.locale as Locale },
      }),
    );
  });
}
