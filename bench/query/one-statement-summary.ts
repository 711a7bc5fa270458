// A PROTOTYPE for src/domain/queries.ts (not used by the app): indicatorSummary()'s reads in one
// statement instead of three. The latest-id subquery is the domain's own; its result is joined to
// figures, sources and every revision, so one round trip returns all that loadFigures reads.
// The benchmark checks it answers exactly as indicatorSummary() does, and times it beside it.
import { sql } from 'kysely';
import { asOfFromStorage, isStale } from '../../src/domain/as-of.js';
import type { DbOrTrx } from '../../src/domain/db.js';
import { sourceFromRow } from '../../src/domain/sources.js';
import type { Figure, FigureRevision, Indicator, LatestFigure } from '../../src/domain/types.js';
import { valueFromColumns } from '../../src/domain/value-columns.js';

export async function latestFiguresOneStatement(db: DbOrTrx, indicator: Indicator, today: string): Promise<LatestFigure[]> {
  const rows = await db
    .with('latest', (qc) =>
      qc.selectFrom('sources as ls').select((eb) =>
        eb
          .selectFrom('figures as l')
          .select('l.id')
          .where('l.indicator_id', '=', indicator.id)
          .whereRef('l.source_id', '=', 'ls.id')
          .where((w) =>
            w.not(
              w.exists(
                w
                  .selectFrom('figure_revisions as x')
                  .select(sql.lit(1).as('one'))
                  .whereRef('x.figure_id', '=', 'l.id')
                  .where('x.kind', '=', 'retraction'),
              ),
            ),
          )
          .orderBy('l.as_of_start', 'desc')
          .orderBy('l.recorded_at', 'desc')
          .orderBy('l.id', 'desc')
          .limit(1)
          .as('figure_id'),
      ),
    )
    .selectFrom('latest')
    .innerJoin('figures as f', 'f.id', 'latest.figure_id')
    .innerJoin('sources as s', 's.id', 'f.source_id')
    .innerJoin('figure_revisions as r', 'r.figure_id', 'f.id')
    .select([
      'f.id', 'f.as_of', 'f.period_from', 'f.period_to', 'f.url', 'f.note_es', 'f.note_en', 'f.recorded_by', 'f.recorded_at',
      's.id as s_id', 's.slug as s_slug', 's.kind as s_kind', 's.name as s_name', 's.url as s_url',
      's.description_es as s_description_es', 's.description_en as s_description_en',
      's.created_at as s_created_at', 's.updated_at as s_updated_at',
      'r.revision', 'r.kind', 'r.value_kind', 'r.value_low', 'r.value_high', 'r.reason',
      'r.recorded_by as r_recorded_by', 'r.recorded_at as r_recorded_at',
    ])
    .orderBy('f.id')
    .orderBy('r.revision')
    .execute();

  type Row = (typeof rows)[number];
  const byFigure = new Map<number, { row: Row; revisions: FigureRevision[] }>();
  for (const row of rows) {
    const entry = byFigure.get(row.id) ?? { row, revisions: [] };
    entry.revisions.push({
      revision: row.revision,
      kind: row.kind,
      value: valueFromColumns(row),
      reason: row.reason,
      recordedBy: row.r_recorded_by,
      recordedAt: row.r_recorded_at,
    });
    byFigure.set(row.id, entry);
  }
  const figures = [...byFigure.values()].map(({ row, revisions }) => toFigure(indicator, row, revisions));
  return figures.sort(byNewestFirst).map((figure) => ({
    figure,
    stale: isStale(figure.asOf, indicator.staleAfterDays, today),
    link: figure.url || figure.source.url || '',
  }));
}

interface FigureColumns {
  id: number; as_of: string; period_from: string | null; period_to: string | null; url: string;
  note_es: string | null; note_en: string | null; recorded_by: string; recorded_at: string;
  s_id: number; s_slug: string; s_kind: 'ngo' | 'government' | 'media' | 'international' | 'other'; s_name: string;
  s_url: string | null; s_description_es: string; s_description_en: string; s_created_at: string; s_updated_at: string;
}

// The same mapping as src/domain/figure-read.ts, so the comparison is like for like.
function toFigure(indicator: Indicator, row: FigureColumns, revisions: FigureRevision[]): Figure {
  const current = revisions[revisions.length - 1];
  if (!current) throw new Error(`figure ${row.id} has no revisions`);
  return {
    id: row.id,
    indicatorSlug: indicator.slug,
    source: sourceFromRow({
      id: row.s_id, slug: row.s_slug, kind: row.s_kind, name: row.s_name, url: row.s_url,
      description_es: row.s_description_es, description_en: row.s_description_en,
      created_at: row.s_created_at, updated_at: row.s_updated_at,
    }),
    asOf: asOfFromStorage(row.as_of),
    period: row.period_from && row.period_to ? { from: row.period_from, to: row.period_to } : null,
    url: row.url,
    note: row.note_es !== null || row.note_en !== null
      ? { es: row.note_es ?? row.note_en ?? '', en: row.note_en ?? row.note_es ?? '' }
      : null,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    value: current.value,
    retracted: revisions.some((r) => r.kind === 'retraction'),
    revisions,
  };
}

function byNewestFirst(a: Figure, b: Figure): number {
  return (
    b.asOf.start.localeCompare(a.asOf.start) ||
    b.recordedAt.localeCompare(a.recordedAt) ||
    a.source.name.localeCompare(b.source.name)
  );
}
