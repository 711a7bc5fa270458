// The database type the domain works with: the whole Kysely instance or a transaction of it.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

export type Db = Kysely<Database>;
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

/** Who writes and when: passed to every write so tests control the clock. */
export interface WriteContext {
  readonly actor: string;
  readonly now: Date;
  /**
   * Record and audit, but announce nothing to subscribers (`cifras import --quiet`, a back-fill):
   * the events are kept, no delivery is queued.
   */
  readonly quiet?: boolean;
}
