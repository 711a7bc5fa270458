// The two queries the benchmark times in plain SQL (the same text on SQLite and PostgreSQL), so
// the database's own cost can be told apart from the domain code's.
import { sql, type RawBuilder } from 'kysely';

export interface FigureRowWithValue {
  id: number;
  source_id: number;
  as_of: string;
  as_of_start: string;
  url: string;
  recorded_at: string;
  revision: number;
  kind: string;
  value_kind: string;
  value_low: number | null;
  value_high: number | null;
}

// The current revision is the one no later revision follows. Written as an anti-join (rather than
// `revision = (select max(…))`) so PostgreSQL probes figure_revisions_pk per figure instead of
// hashing the whole revisions table.
const currentRevision = sql`and not exists (
      select 1 from figure_revisions n where n.figure_id = r.figure_id and n.revision > r.revision)`;

/**
 * Latest per source: for each source, one descending probe of figures_latest_idx
 * (indicator_id, source_id, as_of_start desc, recorded_at desc, id desc) that stops at the first
 * figure without a retraction revision; then that figure's current (highest) revision.
 * Work is about (sources × 1–2 index entries), whatever the length of the history.
 */
export function latestPerSourceSql(indicatorId: number): RawBuilder<FigureRowWithValue> {
  return sql<FigureRowWithValue>`
    with latest as (
      select (
        select l.id from figures l
        where l.indicator_id = ${indicatorId} and l.source_id = s.id
          and not exists (
            select 1 from figure_revisions x where x.figure_id = l.id and x.kind = 'retraction')
        order by l.as_of_start desc, l.recorded_at desc, l.id desc
        limit 1
      ) as figure_id
      from sources s
    )
    select f.id, f.source_id, f.as_of, f.as_of_start, f.url, f.recorded_at,
           r.revision, r.kind, r.value_kind, r.value_low, r.value_high
    from latest
    join figures f on f.id = latest.figure_id
    join figure_revisions r on r.figure_id = f.id
    ${currentRevision}
    order by f.as_of_start desc, f.recorded_at desc, f.id desc`;
}

/**
 * A prototype of indicatorSummary's reads in ONE statement: the latest figure of each source with
 * its source and every revision (what loadFigures needs), instead of three round trips.
 */
export function latestOneStatementSql(indicatorId: number): RawBuilder<Record<string, unknown>> {
  return sql<Record<string, unknown>>`
    with latest as (
      select (
        select l.id from figures l
        where l.indicator_id = ${indicatorId} and l.source_id = s.id
          and not exists (
            select 1 from figure_revisions x where x.figure_id = l.id and x.kind = 'retraction')
        order by l.as_of_start desc, l.recorded_at desc, l.id desc
        limit 1
      ) as figure_id
      from sources s
    )
    select f.id, f.as_of, f.period_from, f.period_to, f.url, f.note_es, f.note_en, f.recorded_by, f.recorded_at,
           s.id as s_id, s.slug as s_slug, s.kind as s_kind, s.name as s_name, s.url as s_url,
           s.description_es as s_description_es, s.description_en as s_description_en,
           r.revision, r.kind, r.value_kind, r.value_low, r.value_high, r.reason,
           r.recorded_by as r_recorded_by, r.recorded_at as r_recorded_at
    from latest
    join figures f on f.id = latest.figure_id
    join sources s on s.id = f.source_id
    join figure_revisions r on r.figure_id = f.id
    order by f.id, r.revision`;
}

/** The baseline: the indicator's whole history (every figure with its current value). */
export function historySql(indicatorId: number): RawBuilder<FigureRowWithValue> {
  return sql<FigureRowWithValue>`
    select f.id, f.source_id, f.as_of, f.as_of_start, f.url, f.recorded_at,
           r.revision, r.kind, r.value_kind, r.value_low, r.value_high
    from figures f
    join figure_revisions r on r.figure_id = f.id
    ${currentRevision}
    where f.indicator_id = ${indicatorId}
    order by f.as_of_start desc, f.recorded_at desc, f.id desc`;
}
