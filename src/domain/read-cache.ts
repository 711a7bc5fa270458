// Answers to the hot reads (the indicator list, an indicator's latest figures, a chat's language,
// whole command replies) kept per database and reused while nothing has been written. Every write
// in cifras records an audit entry in its own transaction, and a trigger on audit_log bumps the
// one-row `data_version` table as the write commits: that number is a version of all the data
// (db/migrations/20260103T000000-data-version.ts). One primary-key read tells whether a kept answer
// is still exact, for this process and for every other process sharing the database (replicas on
// PostgreSQL, `cifras import` beside an SQLite server; on SQLite, one reading serves the questions
// of one turn of the event loop, see SqliteVersionReader). Reads inside a transaction never use
// the cache.
//
// The state hangs off the Kysely instance (a WeakMap), so it lives and dies with the database
// handle and every entry point — HTTP, Telegram, Discord, console — shares it without each
// having to pass it along.
import type { Statement } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { sqliteHandleOf } from '../../db/connect.js';
import type { DbOrTrx } from './db.js';

interface CacheState {
  version: number;
  /** Least recently used out: keys include user-typed text, so their number has no bound. */
  readonly entries: LRUCache<string, Kept>;
}

/** A kept answer: the load's promise, and its value once it has one (for `peek`). */
interface Kept {
  readonly loading: Promise<unknown>;
  settled: { readonly value: unknown } | null;
}

const MAX_ENTRIES = 4096;
const states = new WeakMap<object, CacheState>();
const sqliteVersionReaders = new WeakMap<object, SqliteVersionReader | null>();

const VERSION_SQL = 'select version from data_version where id = 1';

/**
 * The data version read on an SQLite connection, and trusted for the rest of this turn of the event
 * loop unless this connection writes. Reading it takes a file lock and a stat (three system calls,
 * a real share of a webhook answered from the cache); the questions that arrive together in one
 * turn share one reading. Counting this connection's changes (`total_changes()`, no lock) shows
 * at once a write made here; a write committed by another process (`cifras import` beside the
 * server) is seen from the next turn — a question could only have followed it through a new turn.
 */
interface SqliteVersionReader {
  readonly version: Statement<[], { version: number }>;
  readonly changes: Statement<[], number>;
  memo: { readonly version: number; readonly changes: number } | null;
}

/**
 * The data version by query, where it cannot be read synchronously (cacheViewNow): on PostgreSQL,
 * and on SQLite while a transaction is open on the connection — a number seen there is not
 * committed yet, and if it rolled back the same number would be taken by the next write, whose
 * data the cache would then wrongly claim to hold. Kysely's own query waits for the transaction.
 */
async function queriedDataVersion(db: DbOrTrx): Promise<number> {
  const row = await db.selectFrom('data_version').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}

function sqliteDataVersion(reader: SqliteVersionReader): number {
  const changes = reader.changes.get() ?? 0;
  if (reader.memo !== null && reader.memo.changes === changes) return reader.memo.version;
  const version = Number(reader.version.get()?.version ?? 0);
  if (reader.memo === null) setImmediate(() => (reader.memo = null)).unref();
  reader.memo = { version, changes };
  return version;
}

function sqliteVersionReader(db: DbOrTrx): SqliteVersionReader | null {
  let reader = sqliteVersionReaders.get(db);
  if (reader === undefined) {
    const sqlite = sqliteHandleOf(db);
    reader =
      sqlite === undefined
        ? null
        : {
            version: sqlite.prepare<[], { version: number }>(VERSION_SQL),
            changes: sqlite.prepare<[], number>('select total_changes()').pluck(),
            memo: null,
          };
    sqliteVersionReaders.set(db, reader);
  }
  return reader;
}

/** Reads answered as of one reading of the data version. */
export interface CacheView {
  /**
   * The data version this view reads at (0 for a view inside a transaction, which keeps nothing):
   * answers built from it stay exact until it changes, so it can name them (the web pages' ETag).
   */
  readonly version: number;
  /** `load()`'s answer for `key`, kept or loaded now (see cachedRead). */
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * The answer kept for `key`, if one is kept and has arrived: `{ value }`, else undefined. Never
   * loads and never waits, so a question answered from the cache need not wait on a promise.
   */
  peek<T>(key: string): { readonly value: T } | undefined;
}

const uncached: CacheView = { version: 0, read: (_key, load) => load(), peek: () => undefined };

/**
 * Reads the data version once for several reads answering one question (a chat's language, then
 * the reply): each further check would cost as much again, and could only tell of a write that
 * landed while the question was being answered — one the answer may as well not show.
 */
export async function cacheView(db: DbOrTrx): Promise<CacheView> {
  if (db.isTransaction) return uncached;
  return cacheViewNow(db) ?? viewAt(db, await queriedDataVersion(db));
}

/**
 * The same view without waiting, where the data version can be read synchronously: on SQLite,
 * outside a transaction. Undefined elsewhere (PostgreSQL's version is a query to the server).
 */
export function cacheViewNow(db: DbOrTrx): CacheView | undefined {
  if (db.isTransaction) return undefined;
  const reader = sqliteVersionReader(db);
  if (reader === null || reader.version.database.inTransaction) return undefined;
  return viewAt(db, sqliteDataVersion(reader));
}

function viewAt(db: DbOrTrx, version: number): CacheView {
  return {
    version,
    read: (key, load) => readAt(db, version, key, load),
    peek: <T>(key: string) => {
      const state = states.get(db);
      if (state?.version !== version) return undefined;
      return (state.entries.get(key)?.settled ?? undefined) as { readonly value: T } | undefined;
    },
  };
}

/**
 * `load()`'s answer for `key`, reused until the data changes. The version is read before loading,
 * so an answer that raced a write is filed under the older version and thrown away next time.
 * A load that fails is not kept: the next call tries again.
 */
export async function cachedRead<T>(db: DbOrTrx, key: string, load: () => Promise<T>): Promise<T> {
  return (await cacheView(db)).read(key, load);
}

function readAt<T>(db: DbOrTrx, version: number, key: string, load: () => Promise<T>): Promise<T> {
  let state = states.get(db);
  // A view older than what is kept (it waited while a newer one moved on) loads for itself.
  if (state !== undefined && version < state.version) return load();
  if (state === undefined || version > state.version) {
    state = { version, entries: new LRUCache({ max: MAX_ENTRIES }) };
    states.set(db, state);
  }
  const kept = state.entries.get(key);
  if (kept !== undefined) return kept.loading as Promise<T>;
  const loading = load();
  const entry: Kept = { loading, settled: null };
  const entries = state.entries;
  entries.set(key, entry);
  loading.then(
    (value) => {
      entry.settled = { value };
    },
    () => {
      if (entries.get(key) === entry) entries.delete(key);
    },
  );
  return loading;
}
