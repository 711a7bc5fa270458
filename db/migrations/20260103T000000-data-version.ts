// A version of all the data, for the read cache (src/domain/read-cache.ts): one number that
// changes with every committed write. Every write records an audit entry, so a trigger on
// audit_log keeps it.
//
// The newest audit id is not such a number on PostgreSQL: ids are handed out when a row is
// inserted, transactions commit in another order, and a write that commits after a later-numbered
// one leaves max(id) where it was — a reader would keep serving the answer from before it. Here
// the counter is bumped by a deferred constraint trigger, that is at commit: the row lock makes
// commits take their numbers in commit order, and it is held only for that last instant, so it
// cannot take part in a deadlock. SQLite lets one writer in at a time, so a plain trigger does.
// Frozen once shipped.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into data_version (id, version) select 1, coalesce(max(id), 0) from audit_log`.execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function bump_data_version() returns trigger language plpgsql as $$
      begin
        -- The audit_log's own schema, whatever the writing session's search_path.
        execute format('update %I.data_version set version = version + 1 where id = 1', tg_table_schema);
        return null;
      end
      $$`.execute(db);
    await sql`
      create constraint trigger audit_log_bumps_data_version
      after insert on audit_log
      deferrable initially deferred
      for each row execute function bump_data_version()`.execute(db);
  } else {
    await sql`
      create trigger audit_log_bumps_data_version
      after insert on audit_log
      begin
        update data_version set version = version + 1 where id = 1;
      end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger audit_log_bumps_data_version on audit_log`.execute(db);
    await sql`drop function bump_data_version()`.execute(db);
  } else {
    await sql`drop trigger audit_log_bumps_data_version`.execute(db);
  }
  await db.schema.dropTable('data_version').execute();
}
