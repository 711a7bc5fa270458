// The public JSON shapes of the read API. Who recorded a figure (a platform user id) is left out:
// it identifies an admin's personal account, and the audit log is where it belongs. Each shape is
// typed by its schema in response-schemas.ts, which the OpenAPI document publishes.
import { formatAsOf } from '../domain/as-of.js';
import type { Figure, Indicator, IndicatorSummary, LatestFigure, Locale, Source, SpreadEnd } from '../domain/types.js';
import { formatValue, valueToJson } from '../domain/value.js';
import type { FigureJson, IndicatorJson, LatestBriefJson, LatestJson, SourceJson, SummaryJson } from './response-schemas.js';

export function indicatorJson(indicator: Indicator): IndicatorJson {
  return {
    slug: indicator.slug,
    kind: indicator.kind,
    unit: indicator.unit,
    region: indicator.region,
    names: indicator.name,
    aliases: { es: [...indicator.aliases.es], en: [...indicator.aliases.en] },
    description: indicator.description,
    staleAfterDays: indicator.staleAfterDays,
  };
}

export function sourceJson(source: Source): SourceJson {
  return { slug: source.slug, name: source.name, kind: source.kind, url: source.url, description: source.description };
}

function sourceRef(source: Source) {
  return { slug: source.slug, name: source.name, kind: source.kind, url: source.url };
}

function asOfJson(figure: Figure, locale: Locale) {
  return { text: figure.asOf.text, precision: figure.asOf.precision, display: formatAsOf(figure.asOf, locale) };
}

/** One source's latest figure, in full (the indicator page). */
export function latestJson(latest: LatestFigure, locale: Locale): LatestJson {
  const { figure } = latest;
  return {
    figureId: figure.id,
    source: sourceRef(figure.source),
    value: valueToJson(figure.value),
    valueText: formatValue(figure.value, locale),
    asOf: asOfJson(figure, locale),
    period: figure.period,
    url: figure.url,
    link: latest.link,
    note: figure.note,
    recordedAt: figure.recordedAt,
    stale: latest.stale,
  };
}

/** One source's latest figure in a line (the indicator list). */
export function latestBriefJson(latest: LatestFigure, locale: Locale): LatestBriefJson {
  const { figure } = latest;
  return {
    source: figure.source.slug,
    figureId: figure.id,
    value: valueToJson(figure.value),
    valueText: formatValue(figure.value, locale),
    asOf: figure.asOf.text,
    link: latest.link,
    stale: latest.stale,
  };
}

function spreadEndJson(end: SpreadEnd) {
  return { value: end.value, figureId: end.figureId, source: end.source.slug };
}

export function summaryJson(summary: IndicatorSummary, locale: Locale): SummaryJson {
  return {
    ...indicatorJson(summary.indicator),
    latest: summary.latest.map((l) => latestJson(l, locale)),
    spread: summary.spread && { low: spreadEndJson(summary.spread.low), high: spreadEndJson(summary.spread.high) },
  };
}

export function figureJson(figure: Figure, locale: Locale): FigureJson {
  return {
    id: figure.id,
    indicator: figure.indicatorSlug,
    source: sourceRef(figure.source),
    value: valueToJson(figure.value),
    valueText: formatValue(figure.value, locale),
    asOf: asOfJson(figure, locale),
    period: figure.period,
    url: figure.url,
    note: figure.note,
    recordedAt: figure.recordedAt,
    retracted: figure.retracted,
    revisions: figure.revisions.map((r) => ({
      revision: r.revision,
      kind: r.kind,
      value: valueToJson(r.value),
      reason: r.reason,
      recordedAt: r.recordedAt,
    })),
  };
}
