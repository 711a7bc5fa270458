// Loads the dataset into SQLite fast: prepared statements, one transaction, straight on the
// better-sqlite3 handle (Kysely would add a promise and a statement compile per row).
import type SqliteDatabase from 'better-sqlite3';
import { figureBatches, indicatorRows, sourceRows, type DatasetSpec } from './dataset.js';

const BATCH = 10_000;

export function loadSqlite(sqlite: SqliteDatabase.Database, spec: DatasetSpec): void {
  const insertIndicator = sqlite.prepare(
    `insert into indicators (id, slug, kind, unit, region, name_es, name_en, aliases_es, aliases_en,
       description_es, description_en, stale_after_days, created_at, updated_at)
     values (@id, @slug, @kind, @unit, @region, @name_es, @name_en, @aliases_es, @aliases_en,
       @description_es, @description_en, @stale_after_days, @created_at, @updated_at)`,
  );
  const insertSource = sqlite.prepare(
    `insert into sources (id, slug, kind, name, url, description_es, description_en, created_at, updated_at)
     values (@id, @slug, @kind, @name, @url, @description_es, @description_en, @created_at, @updated_at)`,
  );
  const insertFigure = sqlite.prepare(
    `insert into figures (id, indicator_id, source_id, as_of, as_of_start, period_from, period_to, url,
       note_es, note_en, recorded_by, recorded_at)
     values (@id, @indicator_id, @source_id, @as_of, @as_of_start, @period_from, @period_to, @url,
       @note_es, @note_en, @recorded_by, @recorded_at)`,
  );
  const insertRevision = sqlite.prepare(
    `insert into figure_revisions (figure_id, revision, kind, value_kind, value_low, value_high, reason,
       recorded_by, recorded_at)
     values (@figure_id, @revision, @kind, @value_kind, @value_low, @value_high, @reason, @recorded_by, @recorded_at)`,
  );
  // A bigger page cache while loading: a million index entries land in thousands of places.
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  try {
    sqlite.transaction(() => {
      for (const row of indicatorRows(spec)) insertIndicator.run(row);
      for (const row of sourceRows(spec)) insertSource.run(row);
      for (const batch of figureBatches(spec, BATCH)) {
        for (const row of batch.figures) insertFigure.run(row);
        for (const row of batch.revisions) insertRevision.run(row);
      }
    })();
  } finally {
    // Back to the application's own setting, so the timed queries see what the app sees.
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
