// Telegram update_ids and Discord interaction ids already handled. A platform re-delivers an
// update when it did not see our answer in time; the second copy is answered but must never
// apply a write twice, so each entry point claims the id before running anything that writes.
import type { DbOrTrx } from './db.js';

export type UpdatePlatform = 'telegram' | 'discord';

/**
 * Records the id; true the first time it is seen, false for a re-delivery. Atomic on both
 * databases (the primary key decides), so two replicas receiving the same update agree.
 */
export async function claimUpdate(db: DbOrTrx, platform: UpdatePlatform, updateId: string, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('processed_updates')
    .values({ platform, update_id: updateId, processed_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['platform', 'update_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Forgets ids older than `before` (they can no longer be re-delivered); returns how many. */
export async function pruneProcessedUpdates(db: DbOrTrx, before: Date): Promise<number> {
  const result = await db.deleteFrom('processed_updates').where('processed_at', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Gives back a claimed id when handling it failed (nothing was applied: the write's transaction
 * rolled back), so a re-delivery is processed instead of being answered "already handled" for a
 * write that never happened.
 */
export async function releaseUpdate(db: DbOrTrx, platform: UpdatePlatform, updateId: string): Promise<void> {
  await db.deleteFrom('processed_updates').where('platform', '=', platform).where('update_id', '=', updateId).execute();
}
