// The newest figures of many indicators at once: what the overview page's sparklines draw. One
// statement for a hundred indicators (a bounded probe of figures_history_idx each, joined by
// UNION ALL) instead of a statement per indicator: at 100 indicators × 20 sources the home page
// right after a write spent most of its time issuing and building those statements one by one.
import type { DbOrTrx } from './db.js';
import { loadFigures } from './figure-read.js';
import type { Figure, Indicator } from './types.js';

/** Indicators per statement: SQLite takes at most 500 parts in a compound SELECT. */
const PER_STATEMENT = 100;

/**
 * Each indicator's newest `limit` figures (newest as-of first, retracted ones included: the first
 * page of its history), by indicator slug; an indicator with none maps to an empty list.
 */
export async function newestFigures(db: DbOrTrx, indicators: readonly Indicator[], limit: number): Promise<ReadonlyMap<string, readonly Figure[]>> {
  const bySlug = new Map<string, Figure[]>(indicators.map((indicator) => [indicator.slug, []]));
  for (let start = 0; start < indicators.length; start += PER_STATEMENT) {
    const figures = await loadFigures(db, (q) =>
      q
        .where('f.id', 'in', newestIds(db, indicators.slice(start, start + PER_STATEMENT), limit))
        .orderBy('f.indicator_id')
        .orderBy('f.as_of_start', 'desc')
        .orderBy('f.recorded_at', 'desc')
        .orderBy('f.id', 'desc'),
    );
    for (const figure of figures) bySlug.get(figure.indicatorSlug)?.push(figure);
  }
  return bySlug;
}

/** The ids of each indicator's newest `limit` figures, as one compound subquery. */
function newestIds(db: DbOrTrx, indicators: readonly Indicator[], limit: number) {
  const parts = indicators.map((indicator, n) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('figures as p')
          .select('p.id')
          .where('p.indicator_id', '=', indicator.id)
          .orderBy('p.as_of_start', 'desc')
          .orderBy('p.recorded_at', 'desc')
          .orderBy('p.id', 'desc')
          .limit(limit)
          .as(`n${n}`),
      )
      .select('id'),
  );
  const [first, ...rest] = parts;
  if (first === undefined) return db.selectFrom('figures as p').select('p.id').where('p.id', '<', 0);
  return rest.reduce((all, part) => all.unionAll(part), first);
}
