// The most recently recorded figures, optionally those whose public id starts with some digits:
// what a figure-id prompt suggests (Discord autocomplete for /correct and /retract).
import { sql } from 'kysely';
import type { DbOrTrx } from './db.js';
import { loadFigures } from './figure-read.js';
import type { Figure } from './types.js';

/** Newest first (by public id), at most `limit`; `idPrefix` (digits) narrows to ids starting with it. */
export async function recentFigures(db: DbOrTrx, limit: number, idPrefix = ''): Promise<Figure[]> {
  let query = db.selectFrom('figures').select('id').orderBy('id', 'desc').limit(limit);
  if (/^\d+$/.test(idPrefix)) query = query.where(sql<string>`cast(id as text)`, 'like', `${idPrefix}%`);
  const ids = (await query.execute()).map((row) => row.id);
  if (ids.length === 0) return [];
  return loadFigures(db, (q) => q.where('f.id', 'in', ids).orderBy('f.id', 'desc'));
}
