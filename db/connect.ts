// Opens the database named by DATABASE_URL: embedded SQLite (the default) or PostgreSQL.
// Everything that differs between the two lives in the `capabilities` object returned here.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection, type Driver, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import pg from 'pg';
import { queryDataVersion, sqliteDataVersion, type DataVersion } from './data-version.js';
import { pgVersionListener, type PgVersionListener } from './pg-version-listener.js';
import type { Database } from './schema.js';

export type { DataVersion } from './data-version.js';

export type DialectName = 'sqlite' | 'postgres';

/** What the code may rely on, per database; ask this object instead of testing the dialect name. */
export interface Capabilities {
  readonly dialect: DialectName;
  /** `SELECT … FOR UPDATE SKIP LOCKED`: several workers can claim work side by side. */
  readonly skipLocked: boolean;
  /** Several processes may share the database (PostgreSQL); SQLite is one process. */
  readonly multiProcess: boolean;
  /** The data version as this connection can give it (the read cache's one question). */
  readonly dataVersion: DataVersion;
}

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly capabilities: Capabilities;
  /** The SQLite file path, when there is one (for `cifras backup`). */
  readonly sqlitePath: string | null;
  /** The raw better-sqlite3 handle (SQLite only), for its online backup API. */
  readonly sqlite: SqliteDatabase.Database | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: use this schema (created if missing) — tests isolate themselves this way. */
  readonly pgSchema?: string;
  /** PostgreSQL pool size. */
  readonly poolSize?: number;
}

export class DatabaseUrlError extends Error {}

/** Parses `sqlite:<path>`, `sqlite::memory:` or `postgres://…` and opens a connection. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options);
  throw new DatabaseUrlError(
    `DATABASE_URL must be sqlite:<path>, sqlite::memory: or postgres://…; got "${redactUrl(url)}"`,
  );
}

function openSqlite(path: string): DatabaseHandle {
  if (path === '') throw new DatabaseUrlError('DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/cifras.db');
  const memory = path === ':memory:';
  let sqlite: SqliteDatabase.Database;
  try {
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    sqlite = new SqliteDatabase(path);
  } catch (error) {
    throw new DatabaseUrlError(
      `DATABASE_URL sqlite:${path} cannot be opened (${describe(error)}): check that its directory can be created and written, or set DATABASE_URL to another path`,
      { cause: error },
    );
  }
  // WAL: readers never block the writer; NORMAL sync in WAL mode keeps every committed
  // transaction through a process crash (only a power cut could lose the last ones).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    capabilities: { dialect: 'sqlite', skipLocked: false, multiProcess: false, dataVersion: sqliteDataVersion(sqlite, db) },
    sqlitePath: memory ? null : path,
    sqlite,
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every statement anew; preparing costs more than running the small queries a
 * bot answers with, so prepared statements are kept by SQL text (least recently used out).
 * Kysely runs one statement at a time per SQLite connection, so a cached one is never busy.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size = 256): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement !== undefined) {
        cache.delete(sql); // re-inserted below: most recently used last
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<DatabaseHandle> {
  const schema = options.pgSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new DatabaseUrlError(`invalid PostgreSQL schema name "${schema}"`);
  }
  // Connect once now, so an unreachable server is one clear message at start, not a stack trace.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    if (schema !== undefined) await client.query(`create schema if not exists ${schema}`);
  } catch (error) {
    throw new DatabaseUrlError(
      `DATABASE_URL ${redactUrl(url)} cannot be reached (${describe(error)}): check that PostgreSQL runs there and accepts this user, or set DATABASE_URL to another database`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => {});
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  let listener: PgVersionListener | null = null;
  const db = new Kysely<Database>({ dialect: new CommitAwarePostgresDialect({ pool }, (version) => listener?.saw(version)) });
  listener = pgVersionListener(url, schema ?? null, () => queryDataVersion(db));
  const open = listener;
  return {
    db,
    capabilities: { dialect: 'postgres', skipLocked: true, multiProcess: true, dataVersion: open },
    sqlitePath: null,
    sqlite: null,
    close: async () => {
      await open.close();
      await db.destroy();
    },
  };
}

/**
 * Kysely's PostgreSQL dialect, telling `committed` the data version right after each transaction
 * this process commits: its NOTIFY reaches the listener a little later, and a reader of this
 * process must see its own write at once (a /report then a /count). One small read per write.
 */
class CommitAwarePostgresDialect extends PostgresDialect {
  constructor(
    config: ConstructorParameters<typeof PostgresDialect>[0],
    private readonly committed: (version: number) => void,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const committed = this.committed;
    return {
      init: () => driver.init(),
      acquireConnection: () => driver.acquireConnection(),
      beginTransaction: (connection, settings) => driver.beginTransaction(connection, settings),
      async commitTransaction(connection) {
        await driver.commitTransaction(connection);
        // Before the migrations ran there is no table yet: nothing to learn then.
        const version = await versionOn(connection).catch(() => undefined);
        if (version !== undefined) committed(version);
      },
      rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
      savepoint: (connection, name, compile) => driver.savepoint!(connection, name, compile),
      rollbackToSavepoint: (connection, name, compile) => driver.rollbackToSavepoint!(connection, name, compile),
      releaseSavepoint: (connection, name, compile) => driver.releaseSavepoint!(connection, name, compile),
      releaseConnection: (connection) => driver.releaseConnection(connection),
      destroy: () => driver.destroy(),
    };
  }
}

async function versionOn(connection: DatabaseConnection): Promise<number | undefined> {
  const { rows } = await connection.executeQuery<{ version: string | number }>(CompiledQuery.raw('select version from data_version where id = 1'));
  return rows[0] === undefined ? undefined : Number(rows[0].version);
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code !== undefined && !message.includes(code) ? `${code}: ${message}` : message;
}

/** The URL with any password replaced, safe to log. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
