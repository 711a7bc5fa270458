// PostgreSQL replicas learn of each other's writes without asking (db/pg-version-listener.ts):
// the trigger that bumps data_version at commit now also announces the new number on the
// `cifras_data_version` channel as `<schema>:<version>` (one channel for every schema sharing the
// database; each listener keeps its own schema's). NOTIFY is delivered when the transaction
// commits, in commit order. SQLite is one process and needs nothing. Frozen once shipped.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    create or replace function bump_data_version() returns trigger language plpgsql as $$
    declare
      bumped bigint;
    begin
      execute format('update %I.data_version set version = version + 1 where id = 1 returning version', tg_table_schema) into bumped;
      perform pg_notify('cifras_data_version', tg_table_schema || ':' || bumped);
      return null;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    create or replace function bump_data_version() returns trigger language plpgsql as $$
    begin
      execute format('update %I.data_version set version = version + 1 where id = 1', tg_table_schema);
      return null;
    end
    $$`.execute(db);
}
