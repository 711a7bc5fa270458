// Answers to the hot reads (the indicator list, an indicator's latest figures) kept per database
// and reused while nothing has been written. Every write in cifras records an audit entry in its
// own transaction, so the newest audit id is a version of all the data: one index lookup tells
// whether a kept answer is still exact, for this process and for every other process sharing the
// database (replicas on PostgreSQL). Reads inside a transaction never use the cache.
//
// The state hangs off the Kysely instance (a WeakMap), so it lives and dies with the database
// handle and every entry point — HTTP, Telegram, Discord, console — shares it without each
// having to pass it along.
import type { DbOrTrx } from './db.js';

interface CacheState {
  version: number;
  readonly entries: Map<string, Promise<unknown>>;
}

const MAX_ENTRIES = 2048;
const states = new WeakMap<object, CacheState>();

async function dataVersion(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('version'))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/**
 * `load()`'s answer for `key`, reused until the data changes. The version is read before loading,
 * so an answer that raced a write is filed under the older version and thrown away next time.
 */
export async function cachedRead<T>(db: DbOrTrx, key: string, load: () => Promise<T>): Promise<T> {
  if (db.isTransaction) return load();
  const version = await dataVersion(db);
  let state = states.get(db);
  if (state === undefined || state.version !== version || state.entries.size >= MAX_ENTRIES) {
    state = { version, entries: new Map() };
    states.set(db, state);
  }
  const kept = state.entries.get(key) as Promise<T> | undefined;
  if (kept !== undefined) return kept;
  const loading = load();
  state.entries.set(key, loading);
  const entries = state.entries;
  loading.catch(() => entries.delete(key)); // a failed read is retried next time, not kept
  return loading;
}
