// `cifras import`: reads a CSV or JSON file, checks every row against the database, and only then
// writes everything in one transaction (the domain's loadDataset), so a refused file or a failure
// midway leaves the database as it was.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { todayOf } from '../domain/as-of.js';
import type { Db, WriteContext } from '../domain/db.js';
import { listIndicators } from '../domain/indicators.js';
import { loadDataset, type DatasetJson, type LoadCounts } from '../domain/seed.js';
import { listSources } from '../domain/sources.js';
import { valueToJson } from '../domain/value.js';
import { checkCsvFigures } from './check-csv-figures.js';
import { checkJsonDataset } from './check-json-dataset.js';
import type { CheckContext, ImportCheck, ImportDataset, RowError } from './import-dataset.js';

export type ImportOutcome =
  | { readonly ok: true; readonly counts: LoadCounts }
  | { readonly ok: false; readonly errors: readonly RowError[] };

export interface ImportHooks {
  /** Called once the file is valid, before writing, with the number of figures to write. */
  readonly onStart?: (figures: number) => void;
  /** Called after each figure is written. */
  readonly onFigure?: (done: number) => void;
}

/** Checks `path` and, when every row is valid, imports it; refused rows are returned, not thrown. */
export async function importFile(db: Db, path: string, ctx: WriteContext, hooks: ImportHooks = {}): Promise<ImportOutcome> {
  const format = formatOf(path);
  if (format === undefined) {
    return { ok: false, errors: [{ where: 'file', reason: `"${path}" must end in .csv or .json` }] };
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, errors: [{ where: 'file', reason: `cannot read "${path}": ${(error as Error).message}` }] };
  }
  const check = await checkImportText(db, format, text, todayOf(ctx.now));
  if (!check.ok) return check;
  hooks.onStart?.(check.dataset.figures.length);
  const counts = await loadDataset(db, toDatasetJson(check.dataset), ctx, hooks.onFigure);
  return { ok: true, counts };
}

/** Validates file text against the slugs already in the database; writes nothing. */
export async function checkImportText(db: Db, format: 'csv' | 'json', text: string, today: string): Promise<ImportCheck> {
  const [indicators, sources] = await Promise.all([listIndicators(db), listSources(db)]);
  const context: CheckContext = {
    known: { indicators: new Set(indicators.map((i) => i.slug)), sources: new Set(sources.map((s) => s.slug)) },
    today,
  };
  return format === 'csv' ? checkCsvFigures(text, context) : checkJsonDataset(text, context);
}

function formatOf(path: string): 'csv' | 'json' | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : undefined;
}

/** Back to the dataset JSON form loadDataset reads (values in their JSON shape). */
function toDatasetJson(dataset: ImportDataset): DatasetJson {
  return {
    indicators: dataset.indicators,
    sources: dataset.sources,
    figures: dataset.figures.map((figure) => ({ ...figure, value: valueToJson(figure.value) })),
  };
}
