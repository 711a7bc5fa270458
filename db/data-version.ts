// The data version (db/migrations/20260103T000000-data-version.ts: one number bumped by every
// committed write) as each connection can give it. Answering whether a kept answer is still exact
// is the read cache's hottest question, so this is a capability of the connection, not a query
// the domain writes: SQLite reads it synchronously on its own connection; PostgreSQL learns it
// from NOTIFY on a dedicated connection (pg-version-listener.ts) and is asked by query otherwise.
import type { Database as SqliteConnection, Statement } from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface DataVersion {
  /**
   * The version, known without waiting: on SQLite outside an open transaction, on PostgreSQL while
   * the listener is connected. Undefined otherwise: then ask `query()`.
   */
  now(): number | undefined;
  /** The version by query (waits for a transaction open on the connection, as Kysely does). */
  query(): Promise<number>;
  /** Calls `listener` whenever versions seen before can no longer be trusted (a listener reconnected). */
  onReset(listener: () => void): void;
}

const VERSION_SQL = 'select version from data_version where id = 1';

/** The version by Kysely query, on either database. */
export async function queryDataVersion(db: Kysely<Database>): Promise<number> {
  const row = await sql<{ version: number | string }>`select version from data_version where id = 1`.execute(db);
  return Number(row.rows[0]?.version ?? 0);
}

/**
 * SQLite: the version read on the connection itself, trusted for the rest of this turn of the
 * event loop unless this connection writes. Reading it takes a file lock and a stat (three system
 * calls, a real share of an answer from the cache); the questions that arrive together in one turn
 * share one reading. Counting this connection's changes (`total_changes()`, no lock) shows at once
 * a write made here; a write committed by another process (`cifras import` beside the server) is
 * seen from the next turn. While a transaction is open the number is not committed yet (if it
 * rolled back, the next write would take it again), so `now()` says it does not know.
 */
export function sqliteDataVersion(sqlite: SqliteConnection, db: Kysely<Database>): DataVersion {
  let statements: { version: Statement<[], { version: number }>; changes: Statement<[], number> } | null = null;
  let memo: { readonly version: number; readonly changes: number } | null = null;
  return {
    now() {
      if (sqlite.inTransaction) return undefined;
      // Prepared on first use: the table exists only once migrations ran.
      statements ??= {
        version: sqlite.prepare<[], { version: number }>(VERSION_SQL),
        changes: sqlite.prepare<[], number>('select total_changes()').pluck(),
      };
      const changes = statements.changes.get() ?? 0;
      if (memo !== null && memo.changes === changes) return memo.version;
      const version = Number(statements.version.get()?.version ?? 0);
      if (memo === null) setImmediate(() => (memo = null)).unref();
      memo = { version, changes };
      return version;
    },
    query: () => queryDataVersion(db),
    onReset: () => {},
  };
}
