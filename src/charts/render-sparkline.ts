// The small chart of the overview page: the same series, colours and marks as the full chart,
// with no axes, legend or text beyond its accessible title (the page shows the numbers beside it).
import { scaleLinear, scaleUtc } from 'd3-scale';
import { utcMonth } from 'd3-time';
import type { Figure, Indicator, Locale } from '../domain/types.js';
import { messagesFor } from '../i18n/index.js';
import { chartSeries, valueTop } from './chart-series.js';
import { seriesMarks } from './marks.js';
import { seriesStyle } from './palette.js';
import { chartTitle } from './render-chart.js';
import { escapeXml } from './svg-text.js';

export interface SparklineInput {
  readonly indicator: Indicator;
  readonly figures: readonly Figure[];
  readonly locale: Locale;
  /** In px; default 160 × 40. */
  readonly width?: number;
  readonly height?: number;
}

const INSET = 4;

export function renderSparklineSvg(input: SparklineInput): string {
  const width = input.width ?? 160;
  const height = input.height ?? 40;
  const series = chartSeries(input.figures);
  const points = series.flatMap((s) => s.points);
  const label = escapeXml(series.length === 0 ? `${chartTitle(input)}: ${messagesFor(input.locale).chart.empty}` : chartTitle(input));
  let body = `<line x1="${INSET}" x2="${width - INSET}" y1="${height - INSET}" y2="${height - INSET}" stroke="#cccccc" stroke-width="1"/>`;
  if (points.length > 0) {
    const times = points.map((p) => p.date.getTime());
    const first = new Date(Math.min(...times));
    const last = new Date(Math.max(...times));
    const x = scaleUtc()
      .domain(first < last ? [first, last] : [utcMonth.offset(first, -1), utcMonth.offset(last, 1)])
      .range([INSET + 2, width - INSET - 2]);
    const y = scaleLinear()
      .domain([0, Math.max(1, ...points.map((p) => valueTop(p.value)))])
      .range([height - INSET, INSET]);
    const scales = { x: (d: Date) => x(d), y: (n: number) => y(n) };
    body += series.map((s, i) => seriesMarks(s, seriesStyle(i), scales, { markerSize: 14, strokeWidth: 1.5, everyMarker: false })).join('');
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}">` +
    `<title>${label}</title>${body}</svg>`
  );
}
