// The history chart of an indicator (optionally one source) as a standalone SVG: title, the plot,
// a legend by source name and a key to the marks, in the chart's language. Pure: data in, text
// out; the same SVG is inlined in the pages and drawn to PNG (chart-renderer.ts).
import { formatAsOf } from '../domain/as-of.js';
import type { Figure, Indicator, Locale, Source } from '../domain/types.js';
import { formatValue } from '../domain/value.js';
import { messagesFor } from '../i18n/index.js';
import { chartSeries, type ChartSeries } from './chart-series.js';
import { keyEntries, sourceEntries } from './legend-entries.js';
import { layoutLegend } from './legend.js';
import { seriesStyle } from './palette.js';
import { drawPlot, type Box } from './plot.js';
import { escapeXml, wrapText } from './svg-text.js';

export interface ChartInput {
  readonly indicator: Indicator;
  /** The figures to draw, in any order; retracted ones are left out. */
  readonly figures: readonly Figure[];
  readonly locale: Locale;
  /** In px; the height follows from it and from the legend. */
  readonly width: number;
  /** The one source the chart is narrowed to, named in its title. */
  readonly source?: Source | null;
}

const PAD = 16;
const TITLE_SIZE = 16;
const SUBTITLE_SIZE = 12;
const FONT_FAMILY = 'DejaVu Sans, Verdana, sans-serif';

export function renderChartSvg(input: ChartInput): string {
  const { width, locale } = input;
  const messages = messagesFor(locale);
  const series = chartSeries(input.figures);
  const title = chartTitle(input);
  const inner = width - 2 * PAD;
  const parts: string[] = [];
  let y = PAD;
  // Bold is wider than the estimate's regular weight: measure it as a slightly larger size.
  for (const line of wrapText(title, TITLE_SIZE * 1.1, inner)) {
    parts.push(`<text x="${PAD}" y="${y + TITLE_SIZE}" font-size="${TITLE_SIZE}" font-weight="bold" fill="#111111">${escapeXml(line)}</text>`);
    y += TITLE_SIZE * 1.3;
  }
  for (const line of wrapText(messages.chart.subtitle, SUBTITLE_SIZE, inner)) {
    parts.push(`<text x="${PAD}" y="${y + SUBTITLE_SIZE + 2}" font-size="${SUBTITLE_SIZE}" fill="#555555">${escapeXml(line)}</text>`);
    y += SUBTITLE_SIZE * 1.35;
  }
  y += 14;
  const box: Box = { x: PAD, y, width: inner, height: Math.min(Math.max(Math.round(width * 0.45), 170), 460) };
  if (series.length === 0) {
    parts.push(emptyPlot(box, messages.chart.empty));
    y += box.height;
  } else {
    const styles = series.map((_, i) => seriesStyle(i));
    const plot = drawPlot(series, styles, box, locale);
    parts.push(plot.svg);
    y += plot.height + 12;
    const legends = [
      { className: 'legend', entries: sourceEntries(series, styles) },
      { className: 'key', entries: keyEntries(series, messages.chart.key) },
    ];
    for (const { className, entries } of legends) {
      const legend = layoutLegend(entries, className, PAD, y, inner);
      parts.push(legend.svg);
      y += legend.height + 10;
    }
  }
  const height = Math.ceil(y + PAD);
  const label = escapeXml(title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-label="${label}" font-family="${FONT_FAMILY}">` +
    `<title>${label}</title><desc>${escapeXml(description(series, locale))}</desc>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>${parts.join('')}</svg>`
  );
}

/** The indicator's name in the chart's language, and the source's when narrowed to one. */
export function chartTitle(input: Pick<ChartInput, 'indicator' | 'locale' | 'source'>): string {
  const name = input.indicator.name[input.locale];
  return input.source ? `${name} — ${input.source.name}` : name;
}

/** For screen readers: each source's latest figure, or that there are none. */
function description(series: readonly ChartSeries[], locale: Locale): string {
  const messages = messagesFor(locale);
  if (series.length === 0) return messages.chart.empty;
  return series
    .map((s) => {
      const last = s.points[s.points.length - 1]!;
      return messages.chart.latest(s.source.name, formatValue(last.value, locale), formatAsOf(last.asOf, locale));
    })
    .join(' ');
}

function emptyPlot(box: Box, message: string): string {
  const lines = wrapText(message, 14, box.width - 32);
  const top = box.y + box.height / 2 - ((lines.length - 1) * 18) / 2;
  const text = lines.map((l, i) => `<tspan x="${box.x + box.width / 2}" y="${top + i * 18}">${escapeXml(l)}</tspan>`).join('');
  return (
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="#f7f7f7" stroke="#cccccc" stroke-dasharray="4 3"/>` +
    `<text font-size="14" fill="#444444" text-anchor="middle">${text}</text>`
  );
}
