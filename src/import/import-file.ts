// `cifras import`: reads a CSV or JSON file, checks every row against the database, and only then
// writes everything in one transaction (the domain's loadDataset, as the seed does), so a refused
// file or a failure midway leaves the database as it was. Figures already recorded are skipped in
// that same transaction (find-recorded.ts), so a re-run import neither duplicates figures nor
// notifies subscribers again.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { todayOf } from '../domain/as-of.js';
import type { Db, WriteContext } from '../domain/db.js';
import { listIndicators } from '../domain/indicators.js';
import { loadDataset, type DatasetJson, type LoadCounts } from '../domain/seed.js';
import { listSources } from '../domain/sources.js';
import { inTransaction } from '../domain/transaction.js';
import { valueToJson } from '../domain/value.js';
import { checkCsvFigures } from './check-csv-figures.js';
import { checkJsonDataset } from './check-json-dataset.js';
import { figureIdentity } from './figure-identity.js';
import { findRecorded } from './find-recorded.js';
import type { CheckContext, ImportCheck, ImportDataset, RowError } from './import-dataset.js';

/** New, changed and unchanged entries of one kind in the file. */
export interface EntryChanges {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

/**
 * What was written (`figures` counts only new ones), how many figures were already recorded, and
 * which indicators and sources were new, changed or left as they were — so a re-run says
 * "nothing changed" instead of "imported 30 indicators".
 */
export interface ImportCounts extends LoadCounts {
  readonly alreadyRecorded: number;
  readonly indicatorChanges: EntryChanges;
  readonly sourceChanges: EntryChanges;
}

export type ImportOutcome =
  | { readonly ok: true; readonly counts: ImportCounts }
  | { readonly ok: false; readonly errors: readonly RowError[] };

export interface ImportHooks {
  /** Called once the file is valid, before writing, with the number of new figures to write. */
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
  const { dataset } = check;
  const counts = await inTransaction(db, async (trx): Promise<ImportCounts> => {
    // Looked up inside the writing transaction, so what is skipped is what that transaction saw.
    const recorded = await findRecorded(trx, dataset.figures);
    const figures = dataset.figures.filter((figure) => !recorded.has(figureIdentity(figure)));
    hooks.onStart?.(figures.length);
    const auditBefore = await lastAuditId(trx);
    const loaded = await loadDataset(trx, toDatasetJson({ ...dataset, figures }), ctx, hooks.onFigure);
    // Every create and update is audited, an unchanged entry is not: the audit says what changed.
    const actions = await auditActionsSince(trx, auditBefore);
    const changes = (kind: 'indicator' | 'source', total: number): EntryChanges => {
      const created = actions.get(`${kind}.create`) ?? 0;
      const updated = actions.get(`${kind}.update`) ?? 0;
      return { created, updated, unchanged: total - created - updated };
    };
    return {
      ...loaded,
      alreadyRecorded: dataset.figures.length - figures.length,
      indicatorChanges: changes('indicator', dataset.indicators.length),
      sourceChanges: changes('source', dataset.sources.length),
    };
  });
  return { ok: true, counts };
}

async function lastAuditId(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** How many audit entries of each action were written after entry `after`. */
async function auditActionsSince(db: Db, after: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('audit_log')
    .select((eb) => ['action', eb.fn.countAll<string | number>().as('n')])
    .where('id', '>', after)
    .groupBy('action')
    .execute();
  return new Map(rows.map((row) => [row.action, Number(row.n)]));
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
