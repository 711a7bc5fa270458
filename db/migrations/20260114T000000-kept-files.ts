// Files a platform keeps for cifras (a Telegram photo's file_id), so an image uploaded once is
// sent again by reference from every replica until the data it shows changes. One row per image
// (indicator, source, language): the data version it was drawn at says whether it is still
// current. Frozen once shipped.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kept_files')
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('image', 'text', (col) => col.notNull())
    .addColumn('data_version', 'bigint', (col) => col.notNull())
    .addColumn('file_id', 'text', (col) => col.notNull())
    .addColumn('kept_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('kept_files_pk', ['platform', 'image'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kept_files').execute();
}
