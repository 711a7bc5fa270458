// Checks one figure's fields, whichever file format it came from, collecting every problem
// (not just the first) so the operator can fix a row in one go.
import { parseAsOf, periodFromInput } from '../domain/as-of.js';
import { DomainError } from '../domain/errors.js';
import type { Localized } from '../domain/types.js';
import { assertSafeText } from '../domain/safe-text.js';
import { assertHttpUrl } from '../domain/url.js';
import { valueFromJson } from '../domain/value.js';
import { describeProblem } from './describe-problem.js';
import type { CheckContext, FigureEntry } from './import-dataset.js';

/** A figure as read from a file, before any check. */
export interface RawFigure {
  readonly indicator: string;
  readonly source: string;
  readonly value: unknown;
  readonly asOf: string;
  readonly url: string;
  readonly period: { readonly from: string; readonly to: string } | null;
  readonly note: Localized | string | null;
}

export type FigureCheck = { readonly figure: FigureEntry; readonly problems: [] } | { readonly problems: string[] };

/** How a file format names the fields that differ between CSV columns and JSON keys. */
export interface FieldLabels {
  readonly asOf: string;
  readonly period: string;
}

export const CSV_LABELS: FieldLabels = { asOf: 'as_of', period: 'period_from/period_to' };
export const JSON_LABELS: FieldLabels = { asOf: 'asOf', period: 'period' };

/** Validates `raw` against the known slugs and today's date; `problems` name the field. */
export function checkFigure(raw: RawFigure, context: CheckContext, labels: FieldLabels): FigureCheck {
  const problems: string[] = [];
  // `required` names the raw field that must not be blank before parsing is worth trying.
  const attempt = <T>(field: string, parse: () => T, required?: keyof RawFigure): T | undefined => {
    if (required !== undefined && isBlank(raw[required])) {
      problems.push(`${field}: missing (required)`);
      return undefined;
    }
    try {
      return parse();
    } catch (error) {
      problems.push(`${field}: ${describeProblem(error)}`);
      return undefined;
    }
  };
  attempt('indicator', () => knownSlug(raw.indicator, context.known.indicators, 'unknown_indicator'), 'indicator');
  attempt('source', () => knownSlug(raw.source, context.known.sources, 'unknown_source'), 'source');
  const value = attempt('value', () => valueFromJson(raw.value), 'value');
  const asOf = attempt(labels.asOf, () => parseAsOf(raw.asOf, context.today), 'asOf');
  const url = attempt('url', () => assertHttpUrl(raw.url), 'url');
  const period = attempt(labels.period, () => (raw.period === null ? null : periodFromInput(raw.period, context.today)));
  attempt('note', () => noteTexts(raw.note).map((text) => assertSafeText('note', text)));
  if (value === undefined || asOf === undefined || url === undefined || period === undefined || problems.length > 0) {
    return { problems };
  }
  const figure: FigureEntry = { indicator: raw.indicator, source: raw.source, value, asOf: asOf.text, period, url, note: raw.note };
  return { figure, problems: [] };
}

function noteTexts(note: RawFigure['note']): string[] {
  return note === null ? [] : typeof note === 'string' ? [note] : [note.es, note.en];
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function knownSlug(slug: string, known: ReadonlySet<string>, code: 'unknown_indicator' | 'unknown_source'): string {
  if (!known.has(slug)) throw new DomainError(code, { input: slug });
  return slug;
}
