// The domain's vocabulary (see DESIGN.md): what the query layer returns and the writes accept.
// Plain data, no platform or storage types.

export type Locale = 'es' | 'en';
export const LOCALES: readonly Locale[] = ['es', 'en'];

export type Localized<T = string> = Record<Locale, T>;

/** A reported count with its qualifier. Counts are non-negative integers. */
export type FigureValue =
  | { readonly kind: 'exact'; readonly value: number }
  | { readonly kind: 'approx'; readonly value: number }
  | { readonly kind: 'at_least'; readonly value: number }
  | { readonly kind: 'at_most'; readonly value: number }
  | { readonly kind: 'range'; readonly low: number; readonly high: number };

export type DatePrecision = 'day' | 'month' | 'year';

/** An as-of date with the precision it was given in. */
export interface AsOf {
  /** As given: `2025`, `2025-12` or `2025-12-20`. */
  readonly text: string;
  readonly precision: DatePrecision;
  /** The first day it covers, `YYYY-MM-DD`: how it sorts. */
  readonly start: string;
}

export type IndicatorKind = 'stock' | 'flow';
export type SourceKind = 'ngo' | 'government' | 'media' | 'international' | 'other';
export const SOURCE_KINDS: readonly SourceKind[] = ['ngo', 'government', 'media', 'international', 'other'];

export interface Indicator {
  readonly id: number;
  readonly slug: string;
  readonly kind: IndicatorKind;
  readonly unit: string;
  readonly region: string | null;
  readonly name: Localized;
  readonly aliases: Localized<readonly string[]>;
  readonly description: Localized;
  readonly staleAfterDays: number;
}

export interface Source {
  readonly id: number;
  readonly slug: string;
  readonly kind: SourceKind;
  readonly name: string;
  readonly url: string | null;
  readonly description: Localized;
}

export type RevisionKind = 'report' | 'correction' | 'retraction';

export interface FigureRevision {
  readonly revision: number;
  readonly kind: RevisionKind;
  /** The value from this revision on (a retraction repeats the last value). */
  readonly value: FigureValue;
  readonly reason: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface Period {
  readonly from: string;
  readonly to: string;
}

/** A figure as it stands now (its current revision), with its whole revision history. */
export interface Figure {
  /** The public id shown to users as `#id`. */
  readonly id: number;
  readonly indicatorSlug: string;
  readonly source: Source;
  readonly asOf: AsOf;
  readonly period: Period | null;
  readonly url: string;
  readonly note: Localized | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
  /** The current value (from the newest revision). */
  readonly value: FigureValue;
  readonly retracted: boolean;
  /** Oldest first; revision 1 is the report. */
  readonly revisions: readonly FigureRevision[];
}

/** One source's newest non-retracted figure for an indicator. */
export interface LatestFigure {
  readonly figure: Figure;
  /** Older than the indicator's staleness threshold. */
  readonly stale: boolean;
  /** The citation URL, else the source's homepage. */
  readonly link: string;
}

export interface SpreadEnd {
  /** The number at this end (a range's low or high end). */
  readonly value: number;
  readonly figureId: number;
  readonly source: Source;
}

/** Lowest and highest value among two or more sources' latest figures. */
export interface Spread {
  readonly low: SpreadEnd;
  readonly high: SpreadEnd;
}

export interface IndicatorSummary {
  readonly indicator: Indicator;
  /** One entry per source that has a live figure, newest as-of first. */
  readonly latest: readonly LatestFigure[];
  readonly spread: Spread | null;
}

/** Who did something: `telegram:123`, `discord:8035…`, `api`, `seed`, `cli`. */
export type Actor = string;
