// A reply of several messages, kept by the update it answers while it is being sent: the rendered
// parts and how many the platform has accepted. Telegram re-delivers an update whose answer it did
// not get (a 5xx, a timeout, a crash), and each copy may reach another replica; with this record
// the copy finishes the reply from the first part not yet accepted — the stored parts, not a new
// rendering, which could differ or be "already handled" — and never sends a part twice, except the
// one a crash interrupted between its send and its record (the Bot API has no idempotency key).
// A short claim keeps two copies from sending side by side.
import type { DbOrTrx } from './db.js';
import type { UpdatePlatform } from './processed-updates.js';

export type ReplyClaim =
  /** Ours to send, from part `sent` on (the stored parts when the reply was begun before). */
  | { readonly kind: 'mine'; readonly parts: readonly string[]; readonly sent: number }
  /** Every part was accepted already: nothing to send. */
  | { readonly kind: 'done' }
  /** Another copy of the update is sending it right now. */
  | { readonly kind: 'busy' };

/**
 * Begins the reply to `updateId` with `parts`, held until `until`, or takes over one begun before
 * whose claim ran out. Atomic on both databases (the primary key and a compare-and-set on the
 * claim decide), so two replicas with the same update never both get it.
 */
export async function claimReply(db: DbOrTrx, platform: UpdatePlatform, updateId: string, parts: readonly string[], now: Date, until: Date): Promise<ReplyClaim> {
  const at = now.toISOString();
  const inserted = await db
    .insertInto('reply_progress')
    .values({ platform, update_id: updateId, parts: JSON.stringify(parts), sent: 0, claimed_until: until.toISOString(), updated_at: at })
    .onConflict((oc) => oc.columns(['platform', 'update_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { kind: 'mine', parts, sent: 0 };
  const row = await db.selectFrom('reply_progress').selectAll().where('platform', '=', platform).where('update_id', '=', updateId).executeTakeFirst();
  if (row === undefined) return { kind: 'busy' };
  const stored = JSON.parse(row.parts) as string[];
  if (row.sent >= stored.length) return { kind: 'done' };
  if (row.claimed_until > at) return { kind: 'busy' };
  const taken = await db
    .updateTable('reply_progress')
    .set({ claimed_until: until.toISOString(), updated_at: at })
    .where('platform', '=', platform)
    .where('update_id', '=', updateId)
    .where('claimed_until', '=', row.claimed_until)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1 ? { kind: 'mine', parts: stored, sent: row.sent } : { kind: 'busy' };
}

/** Records that the first `sent` parts were accepted. */
export async function recordPartsSent(db: DbOrTrx, platform: UpdatePlatform, updateId: string, sent: number, now: Date): Promise<void> {
  await db
    .updateTable('reply_progress')
    .set({ sent, updated_at: now.toISOString() })
    .where('platform', '=', platform)
    .where('update_id', '=', updateId)
    .execute();
}

/**
 * Gives the claim up, so the re-delivery of this update finishes the reply — not before
 * `notBefore` (the end of a rate limit: a copy arriving earlier would only meet it again).
 */
export async function releaseReply(db: DbOrTrx, platform: UpdatePlatform, updateId: string, notBefore: Date, now: Date): Promise<void> {
  await db
    .updateTable('reply_progress')
    .set({ claimed_until: notBefore.toISOString(), updated_at: now.toISOString() })
    .where('platform', '=', platform)
    .where('update_id', '=', updateId)
    .execute();
}

/**
 * Forgets replies untouched since `before` (a day: Telegram re-delivers an update for at most
 * that long); returns how many.
 */
export async function pruneReplyProgress(db: DbOrTrx, before: Date): Promise<number> {
  const result = await db.deleteFrom('reply_progress').where('updated_at', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
