// What an import produces once every row has been checked: inputs ready for the domain writes,
// or the list of rows that were refused. Nothing is written until a file is wholly valid.
import type { IndicatorInput } from '../domain/indicators.js';
import type { SourceInput } from '../domain/sources.js';
import type { FigureValue, Localized, Period } from '../domain/types.js';

/** One figure to report, validated: slugs known, value parsed, dates and URL checked. */
export interface FigureEntry {
  readonly indicator: string;
  readonly source: string;
  readonly value: FigureValue;
  readonly asOf: string;
  readonly period: Period | null;
  readonly url: string;
  readonly note: Localized | string | null;
}

export interface ImportDataset {
  readonly indicators: readonly IndicatorInput[];
  readonly sources: readonly SourceInput[];
  readonly figures: readonly FigureEntry[];
}

/** One refused row: where it is (`line 4`, `figures[3]`) and why. */
export interface RowError {
  readonly where: string;
  readonly reason: string;
}

export type ImportCheck = { readonly ok: true; readonly dataset: ImportDataset } | { readonly ok: false; readonly errors: readonly RowError[] };

/** The slugs a file may refer to besides its own: those already in the database. */
export interface KnownSlugs {
  readonly indicators: ReadonlySet<string>;
  readonly sources: ReadonlySet<string>;
}

/** What validation needs besides the file: known slugs and today's date (`YYYY-MM-DD`). */
export interface CheckContext {
  readonly known: KnownSlugs;
  readonly today: string;
}
