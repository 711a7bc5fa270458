// Gives back a claimed update_id when handling it failed, so Telegram's re-delivery is processed
// instead of being answered "already handled" for a write that never happened.
// (A companion to claimUpdate in src/domain/processed-updates.ts; it belongs there.)
import type { DbOrTrx } from '../../domain/db.js';
import type { UpdatePlatform } from '../../domain/processed-updates.js';

export async function releaseUpdate(db: DbOrTrx, platform: UpdatePlatform, updateId: string): Promise<void> {
  await db.deleteFrom('processed_updates').where('platform', '=', platform).where('update_id', '=', updateId).execute();
}
