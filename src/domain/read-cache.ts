// Answers to the hot reads (the indicator list, an indicator's latest figures, a chat's language,
// whole command replies) kept and reused while nothing has been written. Every write in cifras
// records an audit entry, and a trigger on audit_log bumps the one-row `data_version` table as
// the write commits: that number is a version of all the data
// (db/migrations/20260103T000000-data-version.ts). A kept answer is exact while the version is
// the one it was loaded at — for this process and for every other sharing the database.
//
// How the version is learnt is the connection's business (db/data-version.ts): SQLite reads it
// synchronously, PostgreSQL hears it through LISTEN/NOTIFY, and either is asked by query when it
// cannot tell. The composition root creates one cache for the database and passes it to whoever
// answers questions; a caller with no cache (a transaction, a one-off command) passes UNCACHED.
import { LRUCache } from 'lru-cache';

/** Where the cache learns the data version: db/data-version.ts's DataVersion satisfies it. */
export interface VersionSource {
  /** The version known without waiting, or undefined: then `query()`. */
  now(): number | undefined;
  query(): Promise<number>;
  /** Told when versions seen so far can no longer be trusted: everything kept is dropped. */
  onReset(listener: () => void): void;
}

/** Reads answered as of one reading of the data version. */
export interface CacheView {
  /**
   * The data version this view answers as of (-1 where nothing is kept): for answers kept
   * elsewhere, such as rendered charts and pages, and the ETags derived from them.
   */
  readonly version: number;
  /** `load()`'s answer for `key`: the one kept at this version, else loaded now (and kept). */
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export interface ReadCache {
  /**
   * Reads the data version once for the several reads answering one question (a chat's
   * language, then the reply): a further check could only tell of a write that landed while the
   * question was being answered — one the answer may as well not show.
   */
  view(): Promise<CacheView>;
}

/** Loads every time: inside a transaction, or where nothing is worth keeping. */
export const UNCACHED: CacheView = { version: -1, read: (_key, load) => load() };

/** Keys include user-typed text, so their number has no bound: least recently used out. */
const MAX_ENTRIES = 4096;

export function createReadCache(version: VersionSource): ReadCache {
  let keptAt = -1;
  let entries = new LRUCache<string, Promise<unknown>>({ max: MAX_ENTRIES });
  version.onReset(() => {
    keptAt = -1;
    entries = new LRUCache({ max: MAX_ENTRIES });
  });

  function readAt<T>(at: number, key: string, load: () => Promise<T>): Promise<T> {
    // A view older than what is kept (it waited while a newer one moved on) loads for itself.
    if (at < keptAt) return load();
    if (at > keptAt) {
      keptAt = at;
      entries = new LRUCache({ max: MAX_ENTRIES });
    }
    const kept = entries.get(key);
    if (kept !== undefined) return kept as Promise<T>;
    const loading = load();
    const filed = entries;
    filed.set(key, loading);
    // A load that fails is not kept: the next call tries again.
    loading.catch(() => {
      if (filed.get(key) === loading) filed.delete(key);
    });
    return loading;
  }

  return {
    async view() {
      // Read before loading: an answer that raced a write is filed under the older version.
      const at = version.now() ?? (await version.query());
      return { version: at, read: (key, load) => readAt(at, key, load) };
    },
  };
}
