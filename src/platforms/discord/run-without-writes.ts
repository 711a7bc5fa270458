// Runs work inside a transaction that is always rolled back: a re-delivered interaction is
// answered exactly as the first time, but nothing it would write is kept (no second audit entry,
// no second /lang change, no second notification).
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';

class RolledBack<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back on purpose');
  }
}

export async function runWithoutWrites<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  try {
    await db.transaction().execute(async (trx) => {
      throw new RolledBack(await work(trx));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.value as T;
    throw error;
  }
  throw new Error('unreachable: the transaction always throws');
}
