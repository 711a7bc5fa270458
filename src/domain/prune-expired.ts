// Forgets what can no longer be sent again: the update and interaction ids claimed by commands
// (Telegram re-sends an update for at most 24 hours; Discord an interaction for far less) and the
// write API's idempotency keys (kept 24 hours, the usual promise to a client that retries).
// Without this both tables grow for ever.
//
// One call deletes at most `batchSize` rows of one table, so no statement holds SQLite's writer
// or PostgreSQL's row locks for long. On PostgreSQL several replicas may prune at once: each
// batch locks the rows it picked with SKIP LOCKED, so two never wait on (or deadlock over) the
// same rows, and each row is deleted once.
import type { DbOrTrx } from './db.js';

/** How long a claimed update id and an idempotency key are kept. */
export const RETENTION_MS = 24 * 60 * 60 * 1000;

export interface PruneBatch {
  /** Rows recorded before this are forgotten. */
  readonly before: Date;
  readonly batchSize: number;
  /** `SELECT … FOR UPDATE SKIP LOCKED` (PostgreSQL: the connection's Capabilities.skipLocked). */
  readonly skipLocked: boolean;
}

export type PrunedTable = 'processed_updates' | 'idempotency_keys';

/** Deletes one batch of update and interaction ids claimed before `before`; returns how many. */
export async function pruneProcessedUpdates(db: DbOrTrx, batch: PruneBatch): Promise<number> {
  const result = await db
    .deleteFrom('processed_updates')
    .where((eb) =>
      eb(
        eb.refTuple('platform', 'update_id'),
        'in',
        eb
          .selectFrom('processed_updates')
          .select(['platform', 'update_id'])
          .where('processed_at', '<', batch.before.toISOString())
          .limit(batch.batchSize)
          .$if(batch.skipLocked, (qb) => qb.forUpdate().skipLocked())
          .$asTuple('platform', 'update_id'),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes one batch of idempotency keys stored before `before`; returns how many. */
export async function pruneIdempotencyKeys(db: DbOrTrx, batch: PruneBatch): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('key', 'in', (eb) =>
      eb
        .selectFrom('idempotency_keys')
        .select('key')
        .where('created_at', '<', batch.before.toISOString())
        .limit(batch.batchSize)
        .$if(batch.skipLocked, (qb) => qb.forUpdate().skipLocked()),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const PRUNERS: Readonly<Record<PrunedTable, (db: DbOrTrx, batch: PruneBatch) => Promise<number>>> = {
  processed_updates: pruneProcessedUpdates,
  idempotency_keys: pruneIdempotencyKeys,
};
