// Files a platform keeps for cifras's images (a Telegram photo's file_id): one per image, valid
// while the data version it was drawn at is current. Not data: keeping one writes no audit entry
// and so bumps no version.
import type { DbOrTrx } from './db.js';

/** The file kept for `image` drawn at `version`, or undefined (none, or drawn at another version). */
export async function keptFile(db: DbOrTrx, platform: string, image: string, version: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('kept_files')
    .select(['file_id', 'data_version'])
    .where('platform', '=', platform)
    .where('image', '=', image)
    .executeTakeFirst();
  return row !== undefined && Number(row.data_version) === version ? row.file_id : undefined;
}

/** Keeps `fileId` for `image` at `version`, replacing the one kept for an older version. */
export async function keepFile(db: DbOrTrx, platform: string, image: string, version: number, fileId: string, now: Date): Promise<void> {
  const row = { platform, image, data_version: version, file_id: fileId, kept_at: now.toISOString() };
  await db
    .insertInto('kept_files')
    .values(row)
    .onConflict((oc) => oc.columns(['platform', 'image']).doUpdateSet({ data_version: version, file_id: fileId, kept_at: row.kept_at }))
    .execute();
}
