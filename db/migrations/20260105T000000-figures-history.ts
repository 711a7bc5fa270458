// An indicator's history across all its sources, newest first, in keyset pages
// (src/domain/history-page.ts): without this index every page sorted the indicator's whole
// history, since figures_latest_idx leads with the source. Frozen once shipped.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('figures_history_idx')
    .on('figures')
    .columns(['indicator_id', 'as_of_start desc', 'recorded_at desc', 'id desc'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('figures_history_idx').execute();
}
