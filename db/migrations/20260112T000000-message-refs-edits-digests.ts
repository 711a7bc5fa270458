// Corrections follow the message, and digests (DESIGN.md "Delivery"). A delivery now records the
// platform's id of the message it sent (Telegram chat + message id and topic; Discord channel +
// message id), and is of a kind: `send` (a notification), `edit` (a correction or retraction
// rewriting the message of the delivery `edit_of` in place) or `digest` (one message for a
// subscription's period, `digest_period`, e.g. `daily:2026-12-04`). A subscription has a
// frequency: immediate, daily or weekly.
//
// One event now makes several deliveries to one subscription (the notice and one edit per earlier
// message), so the first schema's unique (event_id, subscription_id) becomes unique (event_id,
// subscription_id, kind, edit_of), and (subscription_id, digest_period) makes a digest exactly
// once per period (NULLs never collide, on either database). SQLite cannot drop a table
// constraint: the table is rebuilt there, its rows copied as they are. Frozen once shipped.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const COLUMNS = 'id, event_id, subscription_id, status, attempts, due_at, claimed_by, claimed_until, last_error, sent_at, created_at';

async function rebuildSqliteDeliveries(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deliveries_new')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
    .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'dead', 'cancelled')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql.raw(`insert into deliveries_new (${COLUMNS}) select ${COLUMNS} from deliveries`).execute(db);
  await db.schema.dropTable('deliveries').execute();
  await db.schema.alterTable('deliveries_new').renameTo('deliveries').execute();
  await db.schema.createIndex('deliveries_due_idx').on('deliveries').columns(['status', 'due_at', 'id']).execute();
  await db.schema.createIndex('deliveries_subscription_idx').on('deliveries').columns(['subscription_id', 'status']).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.alterTable('deliveries').dropConstraint('deliveries_event_subscription_uq').execute();
  } else {
    await rebuildSqliteDeliveries(db);
  }
  await db.schema.alterTable('deliveries').addColumn('kind', 'text', (c) => c.notNull().defaultTo('send')).execute();
  await db.schema.alterTable('deliveries').addColumn('edit_of', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('deliveries').addColumn('digest_period', 'text').execute();
  await db.schema.alterTable('deliveries').addColumn('sent_chat_id', 'text').execute();
  await db.schema.alterTable('deliveries').addColumn('sent_message_id', 'text').execute();
  await db.schema.alterTable('deliveries').addColumn('sent_thread_id', 'text').execute();
  await db.schema.createIndex('deliveries_event_subscription_kind_uq').unique().on('deliveries').columns(['event_id', 'subscription_id', 'kind', 'edit_of']).execute();
  await db.schema.createIndex('deliveries_digest_uq').unique().on('deliveries').columns(['subscription_id', 'digest_period']).execute();
  // A correction finds the earlier deliveries about its figure through its events.
  await db.schema.createIndex('events_figure_idx').on('events').column('figure_id').execute();
  await db.schema.alterTable('subscriptions').addColumn('frequency', 'text', (c) => c.notNull().defaultTo('immediate')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('subscriptions').dropColumn('frequency').execute();
  await db.schema.dropIndex('events_figure_idx').execute();
  await db.schema.dropIndex('deliveries_digest_uq').execute();
  await db.schema.dropIndex('deliveries_event_subscription_kind_uq').execute();
  await db.deleteFrom('deliveries').where('kind', '<>', 'send').execute();
  for (const column of ['sent_thread_id', 'sent_message_id', 'sent_chat_id', 'digest_period', 'edit_of', 'kind']) {
    await db.schema.alterTable('deliveries').dropColumn(column).execute();
  }
  // SQLite cannot add a table constraint: a unique index does the same there.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.alterTable('deliveries').addUniqueConstraint('deliveries_event_subscription_uq', ['event_id', 'subscription_id']).execute();
  } else {
    await db.schema.createIndex('deliveries_event_subscription_uq').unique().on('deliveries').columns(['event_id', 'subscription_id']).execute();
  }
}
