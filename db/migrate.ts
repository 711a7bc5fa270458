// Applies the migrations in db/migrations. Kysely's migrator takes a lock, so several replicas
// starting at once on PostgreSQL apply each migration exactly once.
import { Migrator, PostgresAdapter, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.js';

/**
 * On PostgreSQL the migrator's own tables go in the connection's current schema, named
 * explicitly: Kysely's existence check looks across schemas and would otherwise find another
 * schema's tables (tests run one schema per database).
 */
async function createMigrator(db: Kysely<any>): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema });
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const result: MigrationResultSet = await (await createMigrator(db)).migrateToLatest();
  if (result.error) {
    // No failed migration in the results: the migrator failed before running one (its own tables, its lock).
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const what = failed === undefined ? 'migrating (before any migration ran)' : `migration ${failed}`;
    throw new Error(`${what} failed: ${String(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (for /readyz). */
export async function migrationsApplied(db: Kysely<any>): Promise<boolean> {
  const all = await (await createMigrator(db)).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
