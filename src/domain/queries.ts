// The query layer's reads: latest figure per source (with spread and staleness) and history.
// "Latest" is by as-of date (ties: later recording), never by entry order; retracted figures
// drop out. Each source's latest figure is one descending probe of figures_latest_idx, so the
// cost does not grow with an indicator's history.
import { sql } from 'kysely';
import { isStale } from './as-of.js';
import type { DbOrTrx } from './db.js';
import { loadFigures } from './figure-read.js';
import { listIndicators } from './indicators.js';
import { UNCACHED, type CacheView } from './read-cache.js';
import type { Figure, Indicator, IndicatorSummary, LatestFigure, Spread } from './types.js';
import { valueBounds } from './value.js';

/**
 * The id of each source's newest live figure for each indicator given, as a subquery: per
 * (indicator, source), one descending probe of figures_latest_idx that skips retracted figures.
 * One statement for any number of indicators: the overview pages ask for all of them at once.
 */
function latestFigureIds(db: DbOrTrx, indicatorIds: readonly number[]) {
  return db
    .selectFrom('indicators as li')
    .innerJoin('sources as ls', (join) => join.onTrue())
    .where('li.id', 'in', indicatorIds)
    .select((eb) =>
      eb
        .selectFrom('figures as l')
        .select('l.id')
        .whereRef('l.indicator_id', '=', 'li.id')
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
    );
}

function spreadOf(latest: readonly LatestFigure[]): Spread | null {
  if (latest.length < 2) return null;
  let low: Spread['low'] | undefined;
  let high: Spread['high'] | undefined;
  for (const { figure } of latest) {
    const bounds = valueBounds(figure.value);
    if (!low || bounds.low < low.value) low = { value: bounds.low, figureId: figure.id, source: figure.source };
    if (!high || bounds.high > high.value) high = { value: bounds.high, figureId: figure.id, source: figure.source };
  }
  return low && high ? { low, high } : null;
}

function byNewestFirst(a: Figure, b: Figure): number {
  return (
    b.asOf.start.localeCompare(a.asOf.start) ||
    b.recordedAt.localeCompare(a.recordedAt) ||
    a.source.name.localeCompare(b.source.name)
  );
}

/**
 * Latest per source, spread and staleness for one indicator, as of `today` (YYYY-MM-DD). The
 * answer is shared by callers until something is written when `cache` keeps it (read-cache.ts).
 */
export async function indicatorSummary(db: DbOrTrx, indicator: Indicator, today: string, cache: CacheView = UNCACHED): Promise<IndicatorSummary> {
  return cache.read( `summary:${indicator.id}:${indicator.staleAfterDays}:${today}`, () => loadSummary(db, indicator, today));
}

/** indicatorSummary without the cache: what the query costs (the benchmark measures this). */
export async function loadSummary(db: DbOrTrx, indicator: Indicator, today: string): Promise<IndicatorSummary> {
  const [summary] = await loadSummaries(db, [indicator], today);
  return summary!;
}

/** The summaries of the indicators given, in their order, from one statement however many. */
async function loadSummaries(db: DbOrTrx, indicators: readonly Indicator[], today: string): Promise<IndicatorSummary[]> {
  if (indicators.length === 0) return [];
  const figures = await loadFigures(db, (q) => q.where('f.id', 'in', latestFigureIds(db, indicators.map((i) => i.id))).orderBy('f.id'));
  const byIndicator = new Map<string, Figure[]>();
  for (const figure of figures) {
    const list = byIndicator.get(figure.indicatorSlug);
    if (list === undefined) byIndicator.set(figure.indicatorSlug, [figure]);
    else list.push(figure);
  }
  return indicators.map((indicator) => summaryOf(indicator, byIndicator.get(indicator.slug) ?? [], today));
}

function summaryOf(indicator: Indicator, figures: Figure[], today: string): IndicatorSummary {
  const latest = figures.sort(byNewestFirst).map(
    (figure): LatestFigure => ({
      figure,
      stale: isStale(figure.asOf, indicator.staleAfterDays, today),
      link: figure.url || figure.source.url || '',
    }),
  );
  return { indicator, latest, spread: spreadOf(latest) };
}

/**
 * A summary of every indicator (for `/count` with no argument, the indicator list and `/`): one
 * statement for all of them, kept as one answer until something is written.
 */
export async function allSummaries(db: DbOrTrx, today: string, cache: CacheView = UNCACHED): Promise<readonly IndicatorSummary[]> {
  const indicators = await listIndicators(db, cache);
  return cache.read(`summaries:${today}`, () => loadSummaries(db, indicators, today));
}

/** Every figure of an indicator (optionally one source), newest as-of first, with revisions. */
export async function indicatorHistory(db: DbOrTrx, indicator: Indicator, sourceSlug?: string): Promise<Figure[]> {
  return loadFigures(
    db,
    (q) => {
      let query = q.where('f.indicator_id', '=', indicator.id);
      if (sourceSlug !== undefined) query = query.where('s.slug', '=', sourceSlug);
      return query.orderBy('f.as_of_start', 'desc').orderBy('f.recorded_at', 'desc').orderBy('f.id', 'desc');
    },
  );
}
