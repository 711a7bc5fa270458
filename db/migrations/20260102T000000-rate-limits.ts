// The delivery worker's shared rate budget: one row per bucket (a bot's overall limit, one chat,
// one group), holding the bucket's "theoretical arrival time" in epoch milliseconds (GCRA).
// Every worker on the database reads and advances the same rows, so together they keep one
// budget per bot. Frozen once shipped.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tat_ms', 'double precision', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
