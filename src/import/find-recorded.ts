// Which of an import's figures the database already holds, so a re-run import (after a crash, by
// mistake, or with a file that grew by a few rows) records and announces only what is new.
//
// Set-based: one query per (indicator, source) pair in the file — more only past CHUNK distinct
// dates for one pair — each an index search on figures_latest_idx (indicator_id, source_id,
// as_of_start) for just the file's dates, never a query per row.
import { asOfFromStorage } from '../domain/as-of.js';
import type { DbOrTrx } from '../domain/db.js';
import { identityKey } from './figure-identity.js';
import type { FigureEntry } from './import-dataset.js';

/** Distinct dates per IN list: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

/**
 * The identity keys (figure-identity.ts) of `figures` already recorded as a figure that is not
 * retracted. A retracted figure does not count: its withdrawal was a deliberate act, and a row
 * reporting it again is a new report, published anew.
 *
 * A figure matches on any value it has held, not only its current one. When figure #5 was
 * imported as 902 and later corrected to 910, a re-run of the same file still carries 902: that
 * row is the report #5 already stands for, and recording it again would put the value the
 * correction fixed back beside it as a fresh figure and notify every channel of it.
 */
export async function findRecorded(db: DbOrTrx, figures: readonly FigureEntry[]): Promise<Set<string>> {
  const recorded = new Set<string>();
  for (const [pair, starts] of datesByPair(figures)) {
    const [indicator, source] = JSON.parse(pair) as [string, string];
    for (let i = 0; i < starts.length; i += CHUNK) {
      for (const key of await recordedKeys(db, indicator, source, starts.slice(i, i + CHUNK))) recorded.add(key);
    }
  }
  return recorded;
}

/** The distinct as-of start days of the file's figures, per indicator and source. */
function datesByPair(figures: readonly FigureEntry[]): Map<string, string[]> {
  const pairs = new Map<string, Set<string>>();
  for (const figure of figures) {
    const pair = JSON.stringify([figure.indicator, figure.source]);
    const starts = pairs.get(pair) ?? new Set<string>();
    starts.add(asOfFromStorage(figure.asOf).start);
    pairs.set(pair, starts);
  }
  return new Map([...pairs].map(([pair, starts]) => [pair, [...starts]]));
}

async function recordedKeys(db: DbOrTrx, indicator: string, source: string, starts: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('figures as f')
    .innerJoin('indicators as i', 'i.id', 'f.indicator_id')
    .innerJoin('sources as s', 's.id', 'f.source_id')
    .innerJoin('figure_revisions as r', 'r.figure_id', 'f.id')
    .select(['f.id', 'f.as_of', 'f.url', 'f.period_from', 'f.period_to', 'r.kind', 'r.value_kind', 'r.value_low', 'r.value_high'])
    .where('i.slug', '=', indicator)
    .where('s.slug', '=', source)
    .where('f.as_of_start', 'in', starts)
    .execute();
  const retracted = new Set(rows.filter((row) => row.kind === 'retraction').map((row) => row.id));
  return rows
    .filter((row) => !retracted.has(row.id))
    .map((row) =>
      identityKey({
        indicator,
        source,
        asOf: row.as_of,
        url: row.url,
        periodFrom: row.period_from,
        periodTo: row.period_to,
        valueKind: row.value_kind,
        valueLow: row.value_low === null ? null : Number(row.value_low),
        valueHigh: row.value_high === null ? null : Number(row.value_high),
      }),
    );
}
