// Turns figure rows and their revisions into domain Figures. Shared by every read of figures.
import type { DbOrTrx } from './db.js';
import { asOfFromStorage } from './as-of.js';
import { sourceFromRow } from './sources.js';
import type { Figure, FigureRevision } from './types.js';
import { valueFromColumns } from './value-columns.js';

type FigureQuery = (qb: ReturnType<typeof baseFigureQuery>) => ReturnType<typeof baseFigureQuery>;

function baseFigureQuery(db: DbOrTrx) {
  return db
    .selectFrom('figures as f')
    .innerJoin('sources as s', 's.id', 'f.source_id')
    .innerJoin('indicators as i', 'i.id', 'f.indicator_id')
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
    ]);
}

/**
 * Loads figures chosen by `filter` (which also orders them) with all their revisions.
 * `revisionScope` narrows the revision query to the same figures without listing their ids.
 */
export async function loadFigures(
  db: DbOrTrx,
  filter: FigureQuery,
  revisionScope: { indicatorId: number } | { figureIds: readonly number[] },
): Promise<Figure[]> {
  const rows = await filter(baseFigureQuery(db)).execute();
  if (rows.length === 0) return [];
  let revisionQuery = db
    .selectFrom('figure_revisions as r')
    .selectAll('r')
    .orderBy('r.figure_id')
    .orderBy('r.revision');
  revisionQuery =
    'indicatorId' in revisionScope
      ? revisionQuery
          .innerJoin('figures as rf', 'rf.id', 'r.figure_id')
          .where('rf.indicator_id', '=', revisionScope.indicatorId)
      : revisionQuery.where('r.figure_id', 'in', revisionScope.figureIds);
  const revisions = new Map<number, FigureRevision[]>();
  for (const r of await revisionQuery.execute()) {
    const list = revisions.get(r.figure_id) ?? [];
    list.push({
      revision: r.revision,
      kind: r.kind,
      value: valueFromColumns(r),
      reason: r.reason,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    });
    revisions.set(r.figure_id, list);
  }
  return rows.map((row) => {
    const history = revisions.get(row.id) ?? [];
    const current = history[history.length - 1];
    if (!current) throw new Error(`figure ${row.id} has no revisions`);
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
      note: row.note_es !== null || row.note_en !== null ? { es: row.note_es ?? row.note_en ?? '', en: row.note_en ?? row.note_es ?? '' } : null,
      recordedBy: row.recorded_by,
      recordedAt: row.recorded_at,
      value: current.value,
      retracted: history.some((r) => r.kind === 'retraction'),
      revisions: history,
    };
  });
}

export async function getFigure(db: DbOrTrx, figureId: number): Promise<Figure | undefined> {
  if (!Number.isSafeInteger(figureId) || figureId < 1) return undefined;
  const [figure] = await loadFigures(db, (q) => q.where('f.id', '=', figureId), { figureIds: [figureId] });
  return figure;
}
