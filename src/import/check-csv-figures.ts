// Validates a CSV of figures: a header row, then one figure per row, referring to indicators and
// sources already in the database by slug. Problems are reported by physical line number (where
// the row starts, so a quoted note spanning lines does not shift the count).
import { parse } from 'csv-parse/sync';
import { CSV_LABELS, checkFigure } from './check-figure.js';
import { repeatedFigures, type LocatedFigure } from './figure-identity.js';
import type { CheckContext, FigureEntry, ImportCheck, RowError } from './import-dataset.js';

export const REQUIRED_COLUMNS = ['indicator', 'source', 'value', 'as_of', 'url'] as const;
export const OPTIONAL_COLUMNS = ['period_from', 'period_to', 'note'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const ALL_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** Checks the text of a CSV figures file. */
export function checkCsvFigures(text: string, context: CheckContext): ImportCheck {
  let rows: CsvRow[];
  try {
    rows = readRows(text);
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return refuse([{ where: line === undefined ? 'file' : `line ${line}`, reason: (error as Error).message }]);
  }
  const [header, ...body] = rows;
  if (header === undefined) return { ok: true, dataset: { indicators: [], sources: [], figures: [] } };
  const semicolons = semicolonHint(header.cells);
  if (semicolons !== undefined) return refuse([{ where: `line ${header.line}`, reason: semicolons }]);
  const headerProblems = checkHeader(header.cells);
  if (headerProblems.length > 0) return refuse(headerProblems.map((reason) => ({ where: `line ${header.line}`, reason })));
  const errors: RowError[] = [];
  const figures: LocatedFigure[] = [];
  for (const row of body) {
    const where = `line ${row.line}`;
    const problems = checkRowLength(row, header.cells.length);
    const checked = problems.length > 0 ? { problems } : checkFigure(rawFigure(header.cells, row.cells), context, CSV_LABELS);
    if ('figure' in checked) figures.push({ where, figure: checked.figure });
    else errors.push(...checked.problems.map((reason) => ({ where, reason })));
  }
  errors.push(...repeatedFigures(figures));
  if (errors.length > 0) return refuse(errors);
  return { ok: true, dataset: { indicators: [], sources: [], figures: figures.map(({ figure }): FigureEntry => figure) } };
}

/**
 * Spreadsheets set to Spanish (and most of Europe) save "CSV" with `;` between cells, because the
 * comma is their decimal mark. Read with commas, such a header is one cell holding every column
 * name: one clear hint instead of a complaint about each missing column. Refused, not guessed: a
 * value such as `1,085` means another thing in such a file.
 */
function semicolonHint(header: readonly string[]): string | undefined {
  const only = header.length === 1 ? header[0] : undefined;
  if (only === undefined || !only.includes(';')) return undefined;
  const names = only.split(';').map((name) => name.trim());
  if (!REQUIRED_COLUMNS.some((column) => names.includes(column))) return undefined;
  return (
    'the file seems to use ; as its separator (as spreadsheets set to Spanish save CSV); save it as CSV with commas ' +
    `("CSV UTF-8 (comma delimited)" in Excel, or Format → Comma in LibreOffice), header: ${ALL_COLUMNS.join(',')}`
  );
}

function readRows(text: string): CsvRow[] {
  const records = parse(text, {
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  }) as unknown as Array<{ record: string[]; raw: string; info: { lines: number } }>;
  return records.map(({ record, raw, info }) => ({ line: info.lines - innerLineBreaks(raw), cells: record }));
}

/**
 * csv-parse reports the line a record ends on; its raw text (after any skipped blank lines that
 * precede it) tells how many line breaks lie inside the record, hence the line it starts on.
 */
function innerLineBreaks(raw: string): number {
  const record = raw.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\r?\n$/, '');
  return record.split('\n').length - 1;
}

function checkHeader(columns: readonly string[]): string[] {
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  const unknown = columns.filter((column) => !ALL_COLUMNS.includes(column));
  const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
  return [
    ...missing.map((column) => `header: missing column "${column}" (required: ${REQUIRED_COLUMNS.join(', ')})`),
    ...unknown.map((column) => `header: unknown column "${column}" (allowed: ${ALL_COLUMNS.join(', ')})`),
    ...repeated.map((column) => `header: column "${column}" appears twice`),
  ];
}

function checkRowLength(row: CsvRow, expected: number): string[] {
  if (row.cells.length === expected) return [];
  return [`expected ${expected} fields (one per header column), found ${row.cells.length}`];
}

function rawFigure(columns: readonly string[], cells: readonly string[]) {
  const cell = (name: Column): string => cells[columns.indexOf(name)] ?? '';
  const from = cell('period_from');
  const to = cell('period_to');
  const note = cell('note');
  return {
    indicator: cell('indicator'),
    source: cell('source'),
    value: cell('value'),
    asOf: cell('as_of'),
    url: cell('url'),
    // One end alone is passed on as-is so the period check names what is wrong with it.
    period: from === '' && to === '' ? null : { from, to },
    note: note === '' ? null : note,
  };
}

function refuse(errors: readonly RowError[]): ImportCheck {
  return { ok: false, errors };
}
