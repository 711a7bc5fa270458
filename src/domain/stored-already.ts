// Whether a row already holds the values an update would write, so an update that changes nothing
// writes nothing and leaves no audit entry. Compared as stored; a column whose stored form differs
// from the written one (a driver that parses JSON, say) counts as changed: the update then happens,
// which is harmless.
import type { DbOrTrx } from './db.js';

export async function storedAlready(
  db: DbOrTrx,
  table: 'indicators' | 'sources',
  id: number,
  columns: Readonly<Record<string, unknown>>,
): Promise<boolean> {
  const row = (await db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()) as Record<string, unknown> | undefined;
  if (row === undefined) return false;
  return Object.entries(columns).every(([column, value]) => column === 'updated_at' || row[column] === value);
}
