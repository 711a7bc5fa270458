// An indicator's history as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma,
// quote or line break, quotes doubled). One row per figure with its current value, written in
// the plain forms parseValue reads (`902`, `~2400`, `>=60`, `<=75`, `60-75`) so a spreadsheet
// shows them as typed and `cifras import` can read the file back.
import type { Figure, FigureValue, Locale } from '../domain/types.js';

export const FIGURE_CSV_COLUMNS = [
  'id', 'indicator', 'source', 'value', 'as_of', 'period_from', 'period_to',
  'url', 'note', 'retracted', 'recorded_at', 'revisions',
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

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function row(figure: Figure, locale: Locale): string[] {
  return [
    String(figure.id),
    figure.indicatorSlug,
    figure.source.slug,
    plainValue(figure.value),
    figure.asOf.text,
    figure.period?.from ?? '',
    figure.period?.to ?? '',
    figure.url,
    figure.note?.[locale] ?? '',
    String(figure.retracted),
    figure.recordedAt,
    String(figure.revisions.length),
  ];
}

export function figuresCsv(figures: readonly Figure[], locale: Locale): string {
  const lines = [[...FIGURE_CSV_COLUMNS], ...figures.map((f) => row(f, locale))];
  return lines.map((fields) => `${fields.map(csvField).join(',')}\r\n`).join('');
}
