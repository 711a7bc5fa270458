// Turns the query layer's IndicatorSummary into a summary block in one language: values with their
// qualifier, dates at their precision, links, figure ids, stale markers and the spread.
import { asOfFromStorage, formatAsOf } from '../domain/as-of.js';
import type { IndicatorSummary, LatestFigure, Locale, Period, SpreadEnd } from '../domain/types.js';
import { formatNumber, formatValue } from '../domain/value.js';
import type { Messages } from '../i18n/messages.js';
import type { SpreadEndText, SummaryBlock, SummaryLine } from './reply.js';

export function summaryBlock(summary: IndicatorSummary, locale: Locale, t: Messages): SummaryBlock {
  const { spread } = summary;
  return {
    kind: 'summary',
    indicatorSlug: summary.indicator.slug,
    indicatorName: summary.indicator.name[locale],
    lines: summary.latest.map((latest) => summaryLine(latest, locale)),
    spread: spread === null ? null : { low: spreadEnd(spread.low, locale), high: spreadEnd(spread.high, locale) },
    labels: { ...t.summary },
  };
}

function summaryLine(latest: LatestFigure, locale: Locale): SummaryLine {
  const { figure } = latest;
  return {
    sourceName: figure.source.name,
    valueText: formatValue(figure.value, locale),
    asOfText: formatAsOf(figure.asOf, locale),
    periodText: figure.period === null ? null : formatPeriod(figure.period, locale),
    link: latest.link,
    figureId: figure.id,
    stale: latest.stale,
    corrected: figure.revisions.some((r) => r.kind === 'correction'),
  };
}

function spreadEnd(end: SpreadEnd, locale: Locale): SpreadEndText {
  return { valueText: formatNumber(end.value, locale), sourceName: end.source.name, figureId: end.figureId };
}

/** `24 dic 2025 – 25 dic 2025`; a single date when both ends are the same. */
export function formatPeriod(period: Period, locale: Locale): string {
  const from = formatAsOf(asOfFromStorage(period.from), locale);
  const to = formatAsOf(asOfFromStorage(period.to), locale);
  return from === to ? from : `${from} – ${to}`;
}
