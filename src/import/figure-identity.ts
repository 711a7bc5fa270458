// When two reports are "the same figure" for an import: same indicator, source, as-of date as
// written (so `2025-12` and `2025-12-01` differ), value, citation URL and period. The note is left
// out on purpose: a re-run file whose only change is a reworded note must not publish the figure
// again. One key function serves both the check inside a file and the lookup in the database, so
// the two can never disagree on what counts as a repeat.
import type { ValueKind } from '../../db/schema.js';
import { valueToColumns } from '../domain/value-columns.js';
import type { FigureEntry, RowError } from './import-dataset.js';

/** The stored form of the fields that make a figure's identity (as the `figures` row holds them). */
export interface IdentityColumns {
  readonly indicator: string;
  readonly source: string;
  readonly asOf: string;
  readonly url: string;
  readonly periodFrom: string | null;
  readonly periodTo: string | null;
  readonly valueKind: ValueKind;
  readonly valueLow: number | null;
  readonly valueHigh: number | null;
}

export function identityKey(c: IdentityColumns): string {
  return JSON.stringify([c.indicator, c.source, c.asOf, c.url, c.periodFrom, c.periodTo, c.valueKind, c.valueLow, c.valueHigh]);
}

export function figureIdentity(figure: FigureEntry): string {
  const value = valueToColumns(figure.value);
  return identityKey({
    indicator: figure.indicator,
    source: figure.source,
    asOf: figure.asOf,
    url: figure.url,
    periodFrom: figure.period?.from ?? null,
    periodTo: figure.period?.to ?? null,
    valueKind: value.value_kind,
    valueLow: value.value_low,
    valueHigh: value.value_high,
  });
}

/** A checked figure and where it sits in its file (`line 4`, `figures[3]`). */
export interface LocatedFigure {
  readonly where: string;
  readonly figure: FigureEntry;
}

/**
 * Refuses every row that repeats an earlier row of the same file. Recording one of them and
 * skipping the other would hide what is almost certainly a copy-paste slip (a row meant to carry
 * another date or value), so the operator is shown both places instead.
 */
export function repeatedFigures(figures: readonly LocatedFigure[]): RowError[] {
  const first = new Map<string, string>();
  const errors: RowError[] = [];
  for (const { where, figure } of figures) {
    const key = figureIdentity(figure);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, where);
    else errors.push({ where, reason: `same figure as ${earlier} (indicator, source, date, value, url and period all equal)` });
  }
  return errors;
}
