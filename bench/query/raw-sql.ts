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
      and r.revision = (select max(m.revision) from figure_revisions m where m.figure_id = f.id)
    order by f.as_of_start desc, f.recorded_at desc, f.id desc`;
}

/** The baseline: the indicator's whole history (every figure with its current value). */
export function historySql(indicatorId: number): RawBuilder<FigureRowWithValue> {
  return sql<FigureRowWithValue>`
    select f.id, f.source_id, f.as_of, f.as_of_start, f.url, f.recorded_at,
           r.revision, r.kind, r.value_kind, r.value_low, r.value_high
    from figures f
    join figure_revisions r on r.figure_id = f.id
      and r.revision = (select max(m.revision) from figure_revisions m where m.figure_id = f.id)
    where f.indicator_id = ${indicatorId}
    order by f.as_of_start desc, f.recorded_at desc, f.id desc`;
}
