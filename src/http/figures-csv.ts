// An indicator's history as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma,
// quote or line break, quotes doubled). DESIGN's history is every figure "with their revisions and
// retractions", so there is one row per revision: the figure's columns (its current value, whether
// it is retracted, when it was first recorded, how many revisions it has) repeated on each of its
// rows, then that revision's number, kind, value, reason and time. Figures come newest as-of
// first, each figure's revisions oldest first; `revision = revisions` marks a figure's current
// row. Values are written in the plain forms parseValue reads (`902`, `~2400`, `>=60`, `<=75`,
// `60-75`), so a spreadsheet shows them as typed.
//
// Free text typed by admins or sources (notes, reasons, links) is neutralized against CSV formula
// injection as OWASP advises: a cell starting with = + - @, a tab or a carriage return gets a
// leading single quote, so a spreadsheet shows `=HYPERLINK(…)` as text instead of running it.
// The same goes for what follows every `;`: a spreadsheet set up for Spanish (and most of Europe)
// splits a CSV on `;`, not on commas, quotes or no quotes, so in `x;=1+1;y` the `=1+1` becomes a
// cell of its own. That is the file every reader gets, so it is this one that must be safe; a
// `?sep=;` variant would still leave the default file open to the same note. The cost is a `'`
// after such a `;` in the comma reading too.
// Numbers, values, dates, ids and slugs are never touched: they are written by this code in forms
// that cannot start with those characters, and a quote would corrupt them.
//
// The file is streamed (DESIGN: "CSV export streams the whole history"): one chunk per page of
// the history as the client takes them, so an indicator of 100,000 figures costs the server one
// page of memory, not the whole file, and a client that goes away stops the reading.
import { ReadableStream } from 'node:stream/web';
import type { Figure, FigureRevision, FigureValue, Locale } from '../domain/types.js';

export const FIGURE_CSV_COLUMNS = [
  'id', 'indicator', 'source', 'value', 'as_of', 'period_from', 'period_to',
  'url', 'note', 'retracted', 'recorded_at', 'revisions',
  'revision', 'revision_kind', 'revision_value', 'revision_reason', 'revision_recorded_at',
] as const;

export function plainValue(value: FigureValue): string {
  switch (value.kind) {
    case 'exact': return String(value.value);
    case 'approx': return `~${value.value}`;
    case 'at_least': return `>=${value.value}`;
    case 'at_most': return `<=${value.value}`;
    case 'range': return `${value.low}-${value.high}`;
  }
}

const FORMULA_START = /^[=+\-@\t\r]/;
/** A `;` (a cell boundary for a `;`-splitting spreadsheet) before a formula start, quotes allowed between. */
const FORMULA_AFTER_SEMICOLON = /;(?="*[=+\-@\t\r])/g;

/** A free-text cell as a spreadsheet will show it, split on commas or on `;`: never a formula. */
export function spreadsheetText(text: string): string {
  const guarded = text.replace(FORMULA_AFTER_SEMICOLON, ";'");
  return FORMULA_START.test(guarded) ? `'${guarded}` : guarded;
}

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function figureCells(figure: Figure, locale: Locale): string[] {
  return [
    String(figure.id),
    figure.indicatorSlug,
    figure.source.slug,
    plainValue(figure.value),
    figure.asOf.text,
    figure.period?.from ?? '',
    figure.period?.to ?? '',
    spreadsheetText(figure.url),
    spreadsheetText(figure.note?.[locale] ?? ''),
    String(figure.retracted),
    figure.recordedAt,
    String(figure.revisions.length),
  ];
}

/** Who recorded a revision is left out, as in the JSON: the audit log is where it belongs. */
function revisionCells(revision: FigureRevision): string[] {
  return [String(revision.revision), revision.kind, plainValue(revision.value), spreadsheetText(revision.reason ?? ''), revision.recordedAt];
}

function rows(figure: Figure, locale: Locale): string[][] {
  const cells = figureCells(figure, locale);
  return figure.revisions.map((revision) => [...cells, ...revisionCells(revision)]);
}

function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** The rows of some figures, in the order given: the page of the file they make. */
export function figureRowsCsv(figures: readonly Figure[], locale: Locale): string {
  return figures.flatMap((f) => rows(f, locale)).map(csvLine).join('');
}

const encoder = new TextEncoder();

/**
 * The CSV of an indicator's history as a stream: the header line, then each page's rows as the
 * client reads them. The first page is read before this returns, so that a refusal (an unknown
 * source) or a database that fails at once is still an error response. A failure after that
 * errors the stream, and the server then breaks the connection off: the reader gets a failed
 * download, never a shorter file that looks whole. `onLateError` is told first (for the log).
 */
export async function figuresCsvStream(
  pages: AsyncGenerator<readonly Figure[], void, undefined>,
  locale: Locale,
  onLateError: (error: unknown) => void,
): Promise<ReadableStream<Uint8Array>> {
  const first = await pages.next();
  async function* chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    yield encoder.encode(csvLine(FIGURE_CSV_COLUMNS) + (first.done === true ? '' : figureRowsCsv(first.value, locale)));
    if (first.done === true) return;
    try {
      for await (const figures of pages) yield encoder.encode(figureRowsCsv(figures, locale));
    } catch (error) {
      onLateError(error);
      throw error;
    }
  }
  return ReadableStream.from(chunks());
}
