// Runs work in a transaction, joining the caller's when there already is one (Kysely cannot nest).
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DbOrTrx } from './db.js';

export async function inTransaction<T>(db: DbOrTrx, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}
