// Loads the dataset into PostgreSQL fast: each batch of rows goes as one column-array per field
// in one `INSERT … SELECT FROM unnest(…)` statement — one round trip and one plan per 20,000 rows.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { figureBatches, indicatorRows, sourceRows, type DatasetSpec } from './dataset.js';

const BATCH = 20_000;

export async function loadPostgres(db: Kysely<Database>, spec: DatasetSpec): Promise<void> {
  await db.insertInto('indicators').values(indicatorRows(spec)).execute();
  await db.insertInto('sources').values(sourceRows(spec)).execute();
  for (const batch of figureBatches(spec, BATCH)) {
    const f = batch.figures;
    await sql`
      insert into figures (id, indicator_id, source_id, as_of, as_of_start, period_from, period_to, url,
        note_es, note_en, recorded_by, recorded_at)
      select * from unnest(
        ${f.map((r) => r.id)}::int[], ${f.map((r) => r.indicator_id)}::int[], ${f.map((r) => r.source_id)}::int[],
        ${f.map((r) => r.as_of)}::text[], ${f.map((r) => r.as_of_start)}::text[],
        ${f.map((r) => r.period_from)}::text[], ${f.map((r) => r.period_to)}::text[], ${f.map((r) => r.url)}::text[],
        ${f.map((r) => r.note_es)}::text[], ${f.map((r) => r.note_en)}::text[],
        ${f.map((r) => r.recorded_by)}::text[], ${f.map((r) => r.recorded_at)}::text[])`.execute(db);
    const r = batch.revisions;
    await sql`
      insert into figure_revisions (figure_id, revision, kind, value_kind, value_low, value_high, reason,
        recorded_by, recorded_at)
      select * from unnest(
        ${r.map((x) => x.figure_id)}::int[], ${r.map((x) => x.revision)}::int[], ${r.map((x) => x.kind)}::text[],
        ${r.map((x) => x.value_kind)}::text[], ${r.map((x) => x.value_low)}::int[], ${r.map((x) => x.value_high)}::int[],
        ${r.map((x) => x.reason)}::text[], ${r.map((x) => x.recorded_by)}::text[], ${r.map((x) => x.recorded_at)}::text[])`.execute(db);
  }
  // Explicit ids were inserted: move the serial sequences past them, as a real database would be.
  for (const table of ['indicators', 'sources', 'figures'] as const) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(db);
  }
  // What autovacuum would do shortly after a bulk load: statistics and the visibility map. Only
  // these tables (found through the bench schema's search_path), never the whole database.
  await sql`vacuum analyze indicators, sources, figures, figure_revisions`.execute(db);
}
