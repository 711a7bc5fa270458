// The plot area of the full chart: the count axis from zero with its grid, the as-of date axis,
// and every series' marks over them.
import type { Locale } from '../domain/types.js';
import { countAxis, timeAxis } from './axes.js';
import { valueTop, type ChartSeries } from './chart-series.js';
import { round, seriesMarks } from './marks.js';
import type { SeriesStyle } from './palette.js';
import { escapeXml, textWidth } from './svg-text.js';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const TICK_FONT_SIZE = 11;
/** Below the plot, for the date labels. */
const DATE_LABELS_HEIGHT = 22;

/** The plot's SVG in `box` (its date labels below it) and the height it takes in all. */
export function drawPlot(series: readonly ChartSeries[], styles: readonly SeriesStyle[], box: Box, locale: Locale): { svg: string; height: number } {
  const points = series.flatMap((s) => s.points);
  const bottom = box.y + box.height;
  const y = countAxis(Math.max(...points.map((p) => valueTop(p.value))), [bottom, box.y + 8], locale);
  const left = box.x + Math.max(...y.ticks.map((t) => textWidth(t.label, TICK_FONT_SIZE))) + 8;
  const right = box.x + box.width;
  const x = timeAxis(points.map((p) => p.date), [left + 10, right - 10], [box.x, right], locale, (label) => textWidth(label, TICK_FONT_SIZE));
  const parts: string[] = [];
  for (const tick of y.ticks) {
    const ty = round(tick.at);
    parts.push(`<line x1="${left}" x2="${right}" y1="${ty}" y2="${ty}" stroke="${tick.label === '0' ? '#777777' : '#e3e3e3'}" stroke-width="1"/>`);
    parts.push(`<text x="${left - 6}" y="${ty + 4}" text-anchor="end">${escapeXml(tick.label)}</text>`);
  }
  for (const tick of x.ticks) {
    const at = round(tick.at);
    const labelAt = round(tick.labelAt);
    parts.push(`<line x1="${at}" x2="${at}" y1="${bottom}" y2="${bottom + 4}" stroke="#777777" stroke-width="1"/>`);
    parts.push(`<text x="${labelAt}" y="${bottom + 17}" text-anchor="middle">${escapeXml(tick.label)}</text>`);
  }
  const axes = `<g font-size="${TICK_FONT_SIZE}" fill="#444444">${parts.join('')}</g>`;
  const scales = { x: (d: Date) => x.scale(d), y: (n: number) => y.scale(n) };
  const plotWidth = right - left;
  const marks = series
    .map((s, i) => seriesMarks(s, styles[i]!, scales, { markerSize: 42, strokeWidth: 2, everyMarker: s.points.length * 8 <= plotWidth }))
    .join('');
  return { svg: axes + marks, height: box.height + DATE_LABELS_HEIGHT };
}
