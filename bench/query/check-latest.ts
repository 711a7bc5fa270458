// Before timing anything, make sure the fast queries give the right answer: for a few indicators,
// derive "latest per source" the slow, obvious way from the whole history and compare.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { loadSummary as indicatorSummary } from '../../src/domain/queries.js';
import type { Indicator } from '../../src/domain/types.js';
import { historySql, latestPerSourceSql } from './raw-sql.js';

export interface LatestCheck {
  readonly indicators: number;
  readonly mismatches: readonly string[];
}

export async function checkLatest(db: Kysely<Database>, indicators: readonly Indicator[], today: string): Promise<LatestCheck> {
  const mismatches: string[] = [];
  for (const indicator of indicators) {
    const expected = await expectedLatestIds(db, indicator.id);
    const raw = (await latestPerSourceSql(indicator.id).execute(db)).rows.map((r) => Number(r.id));
    const { latest } = await indicatorSummary(db, indicator, today);
    const summary = latest.map((l) => l.figure.id);
    if (!sameIds(expected, raw)) mismatches.push(`${indicator.slug}: raw SQL ${show(raw)} ≠ expected ${show(expected)}`);
    if (!sameIds(expected, summary)) {
      mismatches.push(`${indicator.slug}: indicatorSummary ${show(summary)} ≠ expected ${show(expected)}`);
    }
  }
  return { indicators: indicators.length, mismatches };
}

/** The history is sorted newest first; each source's first figure not retracted is its latest. */
async function expectedLatestIds(db: Kysely<Database>, indicatorId: number): Promise<number[]> {
  const latest = new Map<number, number>();
  for (const row of (await historySql(indicatorId).execute(db)).rows) {
    const source = Number(row.source_id);
    if (!latest.has(source) && row.kind !== 'retraction') latest.set(source, Number(row.id));
  }
  return [...latest.values()];
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return show(a) === show(b);
}

function show(ids: readonly number[]): string {
  return `[${[...ids].sort((x, y) => x - y).join(',')}]`;
}
