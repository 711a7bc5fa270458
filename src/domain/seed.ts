// Datasets in the JSON form of db/seed/seed-figures.json (the bundled demo dataset): loading one
// in a single transaction, and seeding an empty database with the demo.
import demoDataset from '../../db/seed/seed-figures.json' with { type: 'json' };
import type { DbOrTrx, WriteContext } from './db.js';
import { reportFigure } from './figures.js';
import { upsertIndicator } from './indicators.js';
import { upsertSource } from './sources.js';
import { inTransaction } from './transaction.js';
import type { IndicatorKind, Localized, SourceKind } from './types.js';
import { valueFromJson } from './value.js';

export interface DatasetJson {
  readonly indicators?: readonly {
    slug: string;
    kind: IndicatorKind;
    unit?: string;
    region?: string | null;
    name: Localized;
    aliases?: Partial<Localized<readonly string[]>>;
    description?: Localized;
    staleAfterDays?: number;
  }[];
  readonly sources?: readonly {
    slug: string;
    kind: SourceKind;
    name: string;
    url?: string | null;
    description?: Localized;
  }[];
  readonly figures?: readonly {
    indicator: string;
    source: string;
    value: unknown;
    asOf: string;
    period?: { from: string; to: string } | null;
    url: string;
    note?: string | Localized | null;
  }[];
}

export interface LoadCounts {
  readonly indicators: number;
  readonly sources: number;
  readonly figures: number;
}

export const DEMO_DATASET = demoDataset as DatasetJson;

/**
 * Loads indicators, sources and figures in one transaction: any invalid entry throws and
 * nothing is kept. `onFigure` reports progress for long files.
 */
export async function loadDataset(
  db: DbOrTrx,
  dataset: DatasetJson,
  ctx: WriteContext,
  onFigure?: (done: number) => void,
): Promise<LoadCounts> {
  return inTransaction(db, async (trx) => {
    for (const indicator of dataset.indicators ?? []) await upsertIndicator(trx, indicator, ctx);
    for (const source of dataset.sources ?? []) await upsertSource(trx, source, ctx);
    let done = 0;
    for (const figure of dataset.figures ?? []) {
      await reportFigure(trx, { ...figure, value: valueFromJson(figure.value) }, ctx);
      onFigure?.(++done);
    }
    return {
      indicators: dataset.indicators?.length ?? 0,
      sources: dataset.sources?.length ?? 0,
      figures: dataset.figures?.length ?? 0,
    };
  });
}

async function hasIndicators(db: DbOrTrx): Promise<boolean> {
  return (await db.selectFrom('indicators').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Loads the demo dataset when the database has no indicator yet; says whether it did. Replicas
 * starting together on one PostgreSQL may both find it empty: the slower one's transaction then
 * fails on the unique slugs, rolls back whole, and finds the other's seed — not an error.
 */
export async function seedIfEmpty(db: DbOrTrx, ctx: WriteContext): Promise<boolean> {
  if (await hasIndicators(db)) return false;
  try {
    await loadDataset(db, DEMO_DATASET, ctx);
    return true;
  } catch (error) {
    if (!db.isTransaction && (await hasIndicators(db))) return false;
    throw error;
  }
}
