// The newest events (a figure published, corrected or retracted), each with its figure as it
// stands and all its revisions: what the Atom feeds list. Newest first by event id, the order in
// which they were committed; bounded by `limit`. Announced events only: a feed reader is a
// subscriber, and a back-fill of thousands (`cifras import --quiet`) must not flood them — the
// figures it recorded are on the pages and in the history all the same.
import type { EventKind } from '../../db/schema.js';
import type { DbOrTrx } from './db.js';
import { loadFigures } from './figure-read.js';
import { UNCACHED, type CacheView } from './read-cache.js';
import type { Figure, FigureRevision, Indicator } from './types.js';

export interface FigureEvent {
  readonly id: number;
  readonly kind: EventKind;
  readonly createdAt: string;
  readonly figure: Figure;
  /** The revision the event is about; `before` is the one it replaced (corrections, retractions). */
  readonly revision: FigureRevision;
  readonly before: FigureRevision | null;
}

/** The newest `limit` events, of one indicator or (without it) of all; kept in `cache` until the next write. */
export async function recentEvents(
  db: DbOrTrx,
  options: { readonly indicator?: Indicator; readonly limit: number },
  cache: CacheView = UNCACHED,
): Promise<FigureEvent[]> {
  const { indicator, limit } = options;
  return cache.read(`events:${indicator?.id ?? '*'}:${limit}`, () => loadEvents(db, indicator, limit));
}

async function loadEvents(db: DbOrTrx, indicator: Indicator | undefined, limit: number): Promise<FigureEvent[]> {
  let query = db
    .selectFrom('events as e')
    .innerJoin('figures as f', 'f.id', 'e.figure_id')
    .select(['e.id', 'e.kind', 'e.figure_id', 'e.revision', 'e.created_at'])
    .where('e.announced', '=', 1)
    .orderBy('e.id', 'desc')
    .limit(limit);
  if (indicator !== undefined) query = query.where('f.indicator_id', '=', indicator.id);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.figure_id))];
  const figures = new Map((await loadFigures(db, (q) => q.where('f.id', 'in', ids).orderBy('f.id'))).map((f) => [f.id, f]));
  return rows.flatMap((row) => {
    const figure = figures.get(row.figure_id);
    const revision = figure?.revisions.find((r) => r.revision === row.revision);
    if (figure === undefined || revision === undefined) return [];
    const before = figure.revisions.find((r) => r.revision === row.revision - 1) ?? null;
    return [{ id: row.id, kind: row.kind, createdAt: row.created_at, figure, revision, before }];
  });
}
