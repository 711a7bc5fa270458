// An indicator's history one page at a time, newest as-of first (DESIGN "What the query layer
// answers"). Pages are keyset pages: the cursor holds the sort key of the last figure shown, so a
// figure added meanwhile never shifts a page or shows one twice, and each page is one index probe
// (figures_history_idx for every source, figures_latest_idx for one) however deep it goes.
import type { DbOrTrx } from './db.js';
import { DomainError } from './errors.js';
import { loadFigures } from './figure-read.js';
import { requireSource } from './sources.js';
import type { AsOf, Figure, Indicator } from './types.js';
import { isStoredInteger } from './value.js';

export interface HistoryPageRequest {
  /** One source only. */
  readonly sourceSlug?: string;
  /** Only figures whose as-of start is on or after since.start. */
  readonly since?: AsOf;
  /** 1..1000 (callers validate and pick the default). */
  readonly limit: number;
  /** Opaque, from a previous page's `next`. */
  readonly cursor?: string;
}

export interface HistoryPage {
  /** Newest as-of first (as_of_start, recorded_at, id, all descending); retracted ones included. */
  readonly figures: readonly Figure[];
  /** The cursor of the next (older) page; null when there is none. */
  readonly next: string | null;
}

export const MAX_HISTORY_PAGE = 1000;

/** Where a page starts: after this figure in the history's order. */
interface CursorKey {
  readonly asOfStart: string;
  readonly recordedAt: string;
  readonly id: number;
}

/** What a cursor holds: the key, and the indicator it belongs to (a cursor fits one history). */
interface CursorData {
  readonly i: number;
  readonly a: string;
  readonly r: string;
  readonly f: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/**
 * One page of an indicator's history. Throws DomainError `invalid_cursor` for a cursor that does
 * not decode or belongs to another indicator, `invalid_field` (field `limit`) for a limit outside
 * 1..1000 and `unknown_source` for a source slug that does not exist.
 */
export async function indicatorHistoryPage(db: DbOrTrx, indicator: Indicator, request: HistoryPageRequest): Promise<HistoryPage> {
  const { limit } = request;
  assertPageSize(limit);
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, indicator);
  const sourceId = request.sourceSlug === undefined ? undefined : (await requireSource(db, request.sourceSlug)).id;
  const { figures, more } = await readPage(db, indicator, { sourceId, since: request.since, after, limit });
  const last = figures[figures.length - 1];
  return { figures, next: more && last !== undefined ? encodeCursor(indicator, last) : null };
}

/**
 * Every page of an indicator's history in turn, newest as-of first, each read when the caller
 * asks for it: for the CSV export, which must not hold an indicator's whole history at once. The
 * same keyset pages as indicatorHistoryPage, so a figure added meanwhile is never shown twice
 * nor shifts one out; each page is read at its own moment (no transaction is held open between
 * them: on SQLite that would block every writer for as long as a slow client reads).
 * The source is looked up before the first page: `unknown_source` comes with the first `next()`.
 */
export async function* indicatorHistoryPages(
  db: DbOrTrx,
  indicator: Indicator,
  request: Omit<HistoryPageRequest, 'cursor'>,
): AsyncGenerator<readonly Figure[], void, undefined> {
  const { limit } = request;
  assertPageSize(limit);
  const sourceId = request.sourceSlug === undefined ? undefined : (await requireSource(db, request.sourceSlug)).id;
  let after: CursorKey | undefined;
  for (;;) {
    const { figures, more } = await readPage(db, indicator, { sourceId, since: request.since, after, limit });
    const last = figures[figures.length - 1];
    if (last !== undefined) yield figures;
    if (!more || last === undefined) return;
    after = keyOf(last);
  }
}

function assertPageSize(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_HISTORY_PAGE) {
    throw new DomainError('invalid_field', { field: 'limit', input: limit, accepted: [`1–${MAX_HISTORY_PAGE}`] });
  }
}

interface PageQuery {
  readonly sourceId: number | undefined;
  readonly since: AsOf | undefined;
  readonly after: CursorKey | undefined;
  readonly limit: number;
}

/** The figures after `after`, at most `limit`, and whether more follow: one keyset probe. */
async function readPage(db: DbOrTrx, indicator: Indicator, { sourceId, since, after, limit }: PageQuery): Promise<{ figures: Figure[]; more: boolean }> {
  // The page's ids first (one more than asked, to know whether another page follows), then the
  // figures with their revisions: a limit on the joined rows would cut a figure's revisions.
  let ids = db
    .selectFrom('figures as p')
    .select('p.id')
    .where('p.indicator_id', '=', indicator.id)
    .orderBy('p.as_of_start', 'desc')
    .orderBy('p.recorded_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit + 1);
  if (sourceId !== undefined) ids = ids.where('p.source_id', '=', sourceId);
  if (since !== undefined) ids = ids.where('p.as_of_start', '>=', since.start);
  if (after !== undefined) {
    ids = ids.where((eb) =>
      eb(eb.refTuple('p.as_of_start', 'p.recorded_at', 'p.id'), '<', eb.tuple(after.asOfStart, after.recordedAt, after.id)),
    );
  }
  const figures = await loadFigures(db, (q) =>
    q
      .where('f.id', 'in', ids)
      .orderBy('f.as_of_start', 'desc')
      .orderBy('f.recorded_at', 'desc')
      .orderBy('f.id', 'desc'),
  );
  return { figures: figures.slice(0, limit), more: figures.length > limit };
}

/** A figure's place in the history's order: where the page after it starts. */
function keyOf(figure: Figure): CursorKey {
  return { asOfStart: figure.asOf.start, recordedAt: figure.recordedAt, id: figure.id };
}

function encodeCursor(indicator: Indicator, figure: Figure): string {
  const key = keyOf(figure);
  const data: CursorData = { i: indicator.id, a: key.asOfStart, r: key.recordedAt, f: key.id };
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, indicator: Indicator): CursorKey {
  const data = parseCursor(cursor);
  if (data === undefined || data.i !== indicator.id) {
    // Echo only a bounded, printable piece: the cursor is whatever a client sent.
    throw new DomainError('invalid_cursor', { input: cursor.slice(0, 80), indicator: indicator.slug });
  }
  return { asOfStart: data.a, recordedAt: data.r, id: data.f };
}

function parseCursor(cursor: string): CursorData | undefined {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { i, a, r, f } = data as Record<string, unknown>;
  // Ids an integer column holds (value.ts's one limit): a larger one would fail the query on PostgreSQL.
  const positive = (n: unknown): n is number => typeof n === 'number' && isStoredInteger(n) && n > 0;
  if (!positive(i) || !positive(f) || typeof a !== 'string' || !DATE.test(a) || typeof r !== 'string' || !TIMESTAMP.test(r)) {
    return undefined;
  }
  return { i, a, r, f };
}
