// Telegram update_ids and Discord interaction ids already handled. A platform re-delivers an
// update when it did not see our answer in time; the second copy is answered but must never
// apply a write twice, so a command that may write claims the id inside its write's transaction
// (src/core/run-command.ts). The ids are forgotten a day later (prune-expired.ts).
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
