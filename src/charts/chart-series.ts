// A history of figures as the chart draws it: one series per source, each point a figure's
// current value at its as-of date. Retracted figures are left out: they are no longer claimed.
import type { AsOf, Figure, FigureValue, Source } from '../domain/types.js';

export interface ChartPoint {
  readonly figureId: number;
  /** The as-of date's first day, midnight UTC. */
  readonly date: Date;
  /** As the source gave it, for the text that accompanies the chart. */
  readonly asOf: AsOf;
  readonly value: FigureValue;
}

export interface ChartSeries {
  readonly source: Source;
  /** Oldest as-of first. */
  readonly points: readonly ChartPoint[];
}

/** One series per source that has a live figure, in the order the sources were added (by id). */
export function chartSeries(figures: readonly Figure[]): ChartSeries[] {
  const bySource = new Map<number, { source: Source; points: ChartPoint[] }>();
  for (const figure of figures) {
    if (figure.retracted) continue;
    let series = bySource.get(figure.source.id);
    if (series === undefined) bySource.set(figure.source.id, (series = { source: figure.source, points: [] }));
    series.points.push({ figureId: figure.id, date: startDate(figure.asOf.start), asOf: figure.asOf, value: figure.value });
  }
  const series = [...bySource.values()].sort((a, b) => a.source.id - b.source.id);
  for (const s of series) s.points.sort((a, b) => a.date.getTime() - b.date.getTime() || a.figureId - b.figureId);
  return series;
}

/** The highest number a value reaches: a range's high end, else its stated number. */
export function valueTop(value: FigureValue): number {
  return value.kind === 'range' ? value.high : value.value;
}

/** `YYYY-MM-DD` at midnight UTC, without the cost of parsing a date string (thousands per chart). */
function startDate(start: string): Date {
  return new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1, Number(start.slice(8, 10))));
}
