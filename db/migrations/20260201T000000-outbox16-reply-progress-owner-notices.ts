// Two things the outbox now holds (issue 16, items 5 and 13). Frozen once shipped.
//
// `reply_progress`: a reply of several Telegram messages, kept by the update it answers, with how
// many of its parts Telegram has accepted and who is sending it (a short claim). A re-delivered
// update finishes the reply from the first part not yet accepted, from the stored parts, instead
// of answering it again from the start.
//
// Owner notices are deliveries: `kind` 'owner_notice', about the subscription that was paused and
// the delivery that was refused (`edit_of`), addressed to one owner (`to_platform`, `to_user_id`;
// '' for every other kind). Claimed, paced and retried like any other delivery. Two owners get two
// rows for one pause, so the owner joins the unique key.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reply_progress')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('update_id', 'text', (c) => c.notNull())
    /** JSON array of the rendered messages, as the platform sends them. */
    .addColumn('parts', 'text', (c) => c.notNull())
    .addColumn('sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_until', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reply_progress_pk', ['platform', 'update_id'])
    .execute();
  await db.schema.createIndex('reply_progress_updated_idx').on('reply_progress').column('updated_at').execute();

  await db.schema.alterTable('deliveries').addColumn('to_platform', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('deliveries').addColumn('to_user_id', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.dropIndex('deliveries_event_subscription_kind_uq').execute();
  await db.schema
    .createIndex('deliveries_event_subscription_kind_to_uq')
    .unique()
    .on('deliveries')
    .columns(['event_id', 'subscription_id', 'kind', 'edit_of', 'to_platform', 'to_user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('deliveries').where('kind', '=', 'owner_notice').execute();
  await db.schema.dropIndex('deliveries_event_subscription_kind_to_uq').execute();
  await db.schema.createIndex('deliveries_event_subscription_kind_uq').unique().on('deliveries').columns(['event_id', 'subscription_id', 'kind', 'edit_of']).execute();
  await db.schema.alterTable('deliveries').dropColumn('to_user_id').execute();
  await db.schema.alterTable('deliveries').dropColumn('to_platform').execute();
  await db.schema.dropIndex('reply_progress_updated_idx').execute();
  await db.schema.dropTable('reply_progress').execute();
}
