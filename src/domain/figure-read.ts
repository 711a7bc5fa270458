// Turns figure rows and their revisions into domain Figures. Every read of figures goes through
// loadFigures: one statement joins each chosen figure to its source and all its revisions, so a
// read costs one round trip whatever it selects.
import type { DbOrTrx } from './db.js';
import { asOfFromStorage } from './as-of.js';
import { sourceFromRow } from './sources.js';
import type { Figure, FigureRevision } from './types.js';
import { isStoredInteger } from './value.js';
import { valueFromColumns } from './value-columns.js';

function figureRowsQuery(db: DbOrTrx) {
  return db
    .selectFrom('figures as f')
    .innerJoin('sources as s', 's.id', 'f.source_id')
    .innerJoin('indicators as i', 'i.id', 'f.indicator_id')
    .innerJoin('figure_revisions as r', 'r.figure_id', 'f.id')
    .select([
      'f.id',
      'f.as_of',
      'f.period_from',
      'f.period_to',
      'f.url',
      'f.note_es',
      'f.note_en',
      'f.recorded_by',
      'f.recorded_at',
      'i.slug as indicator_slug',
      's.id as s_id',
      's.slug as s_slug',
      's.kind as s_kind',
      's.name as s_name',
      's.url as s_url',
      's.description_es as s_description_es',
      's.description_en as s_description_en',
      's.created_at as s_created_at',
      's.updated_at as s_updated_at',
      'r.revision',
      'r.kind',
      'r.value_kind',
      'r.value_low',
      'r.value_high',
      'r.reason',
      'r.recorded_by as r_recorded_by',
      'r.recorded_at as r_recorded_at',
    ]);
}

type FigureRowsQuery = ReturnType<typeof figureRowsQuery>;
type FigureRow = Awaited<ReturnType<FigureRowsQuery['execute']>>[number];

/**
 * Loads the figures `filter` chooses, in the order it sets, each with all its revisions. The
 * filter's ordering must end on a unique key (e.g. `f.id`): revisions are ordered after it, so a
 * figure's rows arrive together.
 */
export async function loadFigures(db: DbOrTrx, filter: (query: FigureRowsQuery) => FigureRowsQuery): Promise<Figure[]> {
  const rows = await filter(figureRowsQuery(db)).orderBy('r.revision').execute();
  const figures: Figure[] = [];
  let first: FigureRow | undefined;
  let revisions: FigureRevision[] = [];
  for (const row of rows) {
    if (first !== undefined && row.id !== first.id) {
      figures.push(toFigure(first, revisions));
      revisions = [];
    }
    if (revisions.length === 0) first = row;
    revisions.push({
      revision: row.revision,
      kind: row.kind,
      value: valueFromColumns(row),
      reason: row.reason,
      recordedBy: row.r_recorded_by,
      recordedAt: row.r_recorded_at,
    });
  }
  if (first !== undefined) figures.push(toFigure(first, revisions));
  return figures;
}

function toFigure(row: FigureRow, revisions: FigureRevision[]): Figure {
  const current = revisions[revisions.length - 1]!;
  return {
    id: row.id,
    indicatorSlug: row.indicator_slug,
    source: sourceFromRow({
      id: row.s_id,
      slug: row.s_slug,
      kind: row.s_kind,
      name: row.s_name,
      url: row.s_url,
      description_es: row.s_description_es,
      description_en: row.s_description_en,
      created_at: row.s_created_at,
      updated_at: row.s_updated_at,
    }),
    asOf: asOfFromStorage(row.as_of),
    period: row.period_from && row.period_to ? { from: row.period_from, to: row.period_to } : null,
    url: row.url,
    note:
      row.note_es !== null || row.note_en !== null
        ? { es: row.note_es ?? row.note_en ?? '', en: row.note_en ?? row.note_es ?? '' }
        : null,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    value: current.value,
    retracted: revisions.some((r) => r.kind === 'retraction'),
    revisions,
  };
}

/** The figure, or undefined; an id no integer column can hold names none (and reaches no database). */
export async function getFigure(db: DbOrTrx, figureId: number): Promise<Figure | undefined> {
  if (!isStoredInteger(figureId) || figureId < 1) return undefined;
  const [figure] = await loadFigures(db, (q) => q.where('f.id', '=', figureId).orderBy('f.id'));
  return figure;
}
