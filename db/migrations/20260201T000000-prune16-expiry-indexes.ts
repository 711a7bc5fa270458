// Claimed update ids and idempotency keys are pruned a day after they were recorded, in small
// batches (src/domain/prune-expired.ts): these indexes let each batch find the oldest rows
// without reading the whole table, however large a flood made it. Frozen once shipped.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('processed_updates_processed_at_idx').on('processed_updates').column('processed_at').execute();
  await db.schema.createIndex('idempotency_keys_created_at_idx').on('idempotency_keys').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('idempotency_keys_created_at_idx').execute();
  await db.schema.dropIndex('processed_updates_processed_at_idx').execute();
}
