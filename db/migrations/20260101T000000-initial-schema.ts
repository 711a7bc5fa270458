// The first schema, frozen: never edit it once it has shipped; add a new migration instead.
// Written once for SQLite and PostgreSQL: only types both support (text for timestamps and
// dates as ISO strings, integer 0/1 for booleans, text JSON). The only dialect difference, how
// an auto-numbered key is declared, is decided here without importing the application.
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

type AutoId = [type: 'serial' | 'integer', build: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder];

/** An auto-numbered primary key: `serial` on PostgreSQL, `integer … autoincrement` on SQLite. */
function autoId(db: Kysely<any>): AutoId {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? ['serial', (c) => c.primaryKey()]
    : ['integer', (c) => c.primaryKey().autoIncrement()];
}

export async function up(db: Kysely<any>): Promise<void> {
  const [id, idColumn] = autoId(db);

  await db.schema
    .createTable('indicators')
    .addColumn('id', id, idColumn)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('stock', 'flow')`))
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo('people'))
    .addColumn('region', 'text')
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('aliases_es', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('aliases_en', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('description_es', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('stale_after_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sources')
    .addColumn('id', id, idColumn)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('ngo', 'government', 'media', 'international', 'other')`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('description_es', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // A figure's identity and the facts that never change; its value lives in revisions.
  await db.schema
    .createTable('figures')
    .addColumn('id', id, idColumn)
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('as_of', 'text', (c) => c.notNull()) // as given: YYYY, YYYY-MM or YYYY-MM-DD
    .addColumn('as_of_start', 'text', (c) => c.notNull()) // first day, YYYY-MM-DD: sorts
    .addColumn('period_from', 'text')
    .addColumn('period_to', 'text')
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('note_es', 'text')
    .addColumn('note_en', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  // Serves "latest per source for one indicator": one descending probe per source.
  await db.schema
    .createIndex('figures_latest_idx')
    .on('figures')
    .columns(['indicator_id', 'source_id', 'as_of_start desc', 'recorded_at desc', 'id desc'])
    .execute();

  // Revision 1 is the report; later ones are corrections or the retraction. Append-only.
  await db.schema
    .createTable('figure_revisions')
    .addColumn('figure_id', 'integer', (c) => c.notNull().references('figures.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('report', 'correction', 'retraction')`))
    .addColumn('value_kind', 'text', (c) =>
      c.notNull().check(sql`value_kind in ('exact', 'approx', 'at_least', 'at_most', 'range')`),
    )
    .addColumn('value_low', 'integer')
    .addColumn('value_high', 'integer')
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('figure_revisions_pk', ['figure_id', 'revision'])
    .execute();

  await db.schema
    .createTable('editors')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('editors_pk', ['platform', 'user_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', id, idColumn)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();

  // Per-chat settings (the /lang choice).
  await db.schema
    .createTable('chats')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('chats_pk', ['platform', 'chat_id'])
    .execute();

  // scope is '*' (every indicator) or an indicator slug; thread_id is '' when there is none.
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', id, idColumn)
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'paused')`))
    .addColumn('paused_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('subscriptions_chat_scope_uq', ['platform', 'chat_id', 'thread_id', 'scope'])
    .execute();
  await db.schema.createIndex('subscriptions_scope_idx').on('subscriptions').columns(['scope', 'status']).execute();

  await db.schema
    .createTable('events')
    .addColumn('id', id, idColumn)
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('published', 'corrected', 'retracted')`))
    .addColumn('figure_id', 'integer', (c) => c.notNull().references('figures.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', id, idColumn)
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
    .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'dead', 'cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deliveries_event_subscription_uq', ['event_id', 'subscription_id'])
    .execute();
  await db.schema.createIndex('deliveries_due_idx').on('deliveries').columns(['status', 'due_at', 'id']).execute();

  // Telegram update_id and Discord interaction ids already handled: answered, never re-applied.
  await db.schema
    .createTable('processed_updates')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('update_id', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('processed_updates_pk', ['platform', 'update_id'])
    .execute();

  // Write-API Idempotency-Key: the first answer is replayed for a retried request.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'idempotency_keys',
    'processed_updates',
    'deliveries',
    'events',
    'subscriptions',
    'chats',
    'audit_log',
    'editors',
    'figure_revisions',
    'figures',
    'sources',
    'indicators',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
