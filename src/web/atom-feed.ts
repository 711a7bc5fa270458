// An Atom feed of events in the reader's language, made with the `feed` library: one entry per
// event, its id a tag: URI of the event id (stable: an event is never changed or renumbered), its
// title and summary saying what changed, old → new for a correction, with the reason.
import { Feed } from 'feed';
import { escapeToBuffer } from 'hono/utils/html';
import { formatPeriod } from '../core/summary-block.js';
import { formatAsOf } from '../domain/as-of.js';
import type { FigureEvent } from '../domain/recent-events.js';
import type { Indicator } from '../domain/types.js';
import { formatValue } from '../domain/value.js';
import { href, type PageContext } from './page-context.js';

export interface AtomFeedInput {
  readonly page: PageContext;
  readonly title: string;
  /** The feed's own path, and the page it is the feed of. */
  readonly selfPath: string;
  readonly pagePath: string;
  readonly events: readonly FigureEvent[];
  readonly indicators: ReadonlyMap<string, Indicator>;
}

/** `tag:cifras.example.org,2026:event/17`: unique to this site, and the same on every fetch. */
export function eventTagUri(origin: string, eventId: number): string {
  return `tag:${new URL(origin).hostname},2026:event/${eventId}`;
}

export function atomFeed({ page, title, selfPath, pagePath, events, indicators }: AtomFeedInput): string {
  const { origin } = page;
  const feed = new Feed({
    id: `${origin}${selfPath}`,
    title,
    description: page.t.web.tagline,
    link: `${origin}${href(page, pagePath)}`,
    language: page.locale,
    updated: new Date(events[0]?.createdAt ?? 0),
    generator: 'cifras',
    copyright: '',
    feedLinks: { atom: `${origin}${href(page, selfPath)}` },
  });
  for (const event of events) {
    const indicator = indicators.get(event.figure.indicatorSlug);
    const entry = describeEvent(page, event, indicator);
    const date = new Date(event.createdAt);
    feed.addItem({
      id: eventTagUri(origin, event.id),
      title: escapeHtml(entry.title),
      link: `${origin}${href(page, `/figures/${event.figure.id}`)}`,
      date,
      published: date,
      description: escapeHtml(entry.summary),
    });
  }
  return feed.atom1();
}

/** `Cifra corregida · Presos políticos — Foro Penal: 902 → 910` and the sentence under it. */
export function describeEvent(page: PageContext, event: FigureEvent, indicator: Indicator | undefined): { title: string; summary: string } {
  const { t, locale } = page;
  const { figure, revision, before } = event;
  const value =
    event.kind === 'corrected' && before !== null
      ? `${formatValue(before.value, locale)} → ${formatValue(revision.value, locale)}`
      : formatValue(revision.value, locale);
  const what = `${t.web.feedEntry[event.kind]} · ${indicator?.name[locale] ?? figure.indicatorSlug}`;
  const period = figure.period === null ? '' : ` (${t.summary.period} ${formatPeriod(figure.period, locale)})`;
  const reason = revision.reason === null ? '' : ` ${t.web.reason}: ${revision.reason}.`;
  return {
    title: `${what} — ${figure.source.name}: ${value}`,
    summary: `${figure.source.name}: ${value}, ${t.summary.asOf} ${formatAsOf(figure.asOf, locale)}${period}. #${figure.id} · ${figure.url}.${reason}`,
  };
}

/**
 * The library writes titles and summaries as `type="html"`: a name or reason holding `<b>` must
 * reach the reader as those characters, not as markup.
 */
function escapeHtml(text: string): string {
  const buffer: [string] = [''];
  escapeToBuffer(text, buffer);
  return buffer[0];
}
