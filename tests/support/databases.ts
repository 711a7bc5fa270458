// Every database test runs on SQLite and PostgreSQL. Each `open()` gives a fresh, migrated
// database: an in-memory SQLite, or a new PostgreSQL schema dropped again on close.
// Locally an unreachable PostgreSQL is skipped loudly; under CI=true it fails the run.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDialect {
  readonly name: DialectName;
  /** False only locally when PostgreSQL cannot be reached. */
  readonly available: boolean;
  open(): Promise<DatabaseHandle>;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`PostgreSQL at ${POSTGRES_URL} is unreachable and CI=true: failing, not skipping`, {
        cause: error,
      });
    }
    console.warn(`\n!!! PostgreSQL at ${POSTGRES_URL} is unreachable: PostgreSQL tests are SKIPPED !!!\n`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgAvailable = await postgresReachable();

/** A unique schema name for one test database. */
export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Opens a migrated, empty PostgreSQL database in its own schema; `close()` drops the schema. */
export async function openPostgresTestDatabase(schema = uniqueSchema()): Promise<DatabaseHandle> {
  const handle = await openDatabase(POSTGRES_URL, { pgSchema: schema, poolSize: 5 });
  await migrateWithRetry(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Kysely's migrator looks for its own tables across every schema of the database; when another
 * test drops its schema at that moment, PostgreSQL reports the vanished objects ("… does not
 * exist", "cache lookup failed for namespace"). Only tests drop
 * schemas concurrently, and migrations are transactional on PostgreSQL, so trying again is safe.
 */
async function migrateWithRetry(handle: DatabaseHandle, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(handle.db);
      return;
    } catch (error) {
      if (attempt >= attempts || !/does not exist|cache lookup failed/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

export async function openSqliteTestDatabase(url = 'sqlite::memory:'): Promise<DatabaseHandle> {
  const handle = await openDatabase(url);
  await migrateToLatest(handle.db);
  return handle;
}

export const dialects: readonly TestDialect[] = [
  { name: 'sqlite', available: true, open: () => openSqliteTestDatabase() },
  { name: 'postgres', available: pgAvailable, open: () => openPostgresTestDatabase() },
];
