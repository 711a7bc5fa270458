// What a subscribed chat is sent for one event, as a structured Reply that each platform renders
// like any command reply. A new figure comes with its context — the same source's previous figure
// and every other source's latest — so a reader sees what changed without asking; a correction
// shows old → new and the reason; a retraction says so with the reason. Source names, links,
// notes and reasons are data typed by people: plain spans, escaped by the renderers.
import type { EventKind } from '../../db/schema.js';
import { link, reply, strong, text, type Block, type ListBlock, type Reply, type Span } from '../core/reply.js';
import { formatPeriod } from '../core/summary-block.js';
import { formatAsOf } from '../domain/as-of.js';
import type { DbOrTrx } from '../domain/db.js';
import { getFigure } from '../domain/figure-read.js';
import { requireIndicator } from '../domain/indicators.js';
import { indicatorHistory, indicatorSummary } from '../domain/queries.js';
import type { Figure, FigureRevision, FigureValue, Indicator, Locale } from '../domain/types.js';
import { formatValue } from '../domain/value.js';
import { messagesFor } from '../i18n/index.js';
import type { Messages } from '../i18n/messages.js';

export interface NotificationEvent {
  readonly kind: EventKind;
  readonly figureId: number;
  /** The figure revision the event is about (1 = the report). */
  readonly revision: number;
}

interface Parts {
  readonly figure: Figure;
  readonly indicator: Indicator;
  readonly locale: Locale;
  readonly t: Messages;
}

/** The notification for `event` in `locale`; `today` (YYYY-MM-DD) decides what is stale. */
export async function buildNotificationReply(db: DbOrTrx, event: NotificationEvent, locale: Locale, today: string): Promise<Reply> {
  const figure = await getFigure(db, event.figureId);
  // The outbox only references figures that exist and are never deleted: a miss is a bug.
  if (figure === undefined) throw new Error(`notification for missing figure ${event.figureId}`);
  const parts: Parts = { figure, indicator: await requireIndicator(db, figure.indicatorSlug), locale, t: messagesFor(locale) };
  const current = revisionOf(figure, event.revision);
  switch (event.kind) {
    case 'published':
      return reply(locale, ...(await published(db, parts, current.value, today)));
    case 'corrected': {
      const before = revisionOf(figure, event.revision - 1);
      return reply(locale, title(parts, parts.t.notification.corrected), figureLine(parts, [before.value, current.value]), reasonBlock(parts, current));
    }
    case 'retracted':
      return reply(locale, title(parts, parts.t.notification.retracted), figureLine(parts, [current.value]), reasonBlock(parts, current));
  }
}

async function published(db: DbOrTrx, parts: Parts, value: FigureValue, today: string): Promise<Block[]> {
  const { figure, t, locale } = parts;
  // A back-fill: older than what the source reports now, so never presented as new; the source's
  // current latest goes beside it instead of the figure before it.
  const summary = await indicatorSummary(db, parts.indicator, today);
  const latest = summary.latest.find((l) => l.figure.source.id === figure.source.id)?.figure;
  const historical = !figure.retracted && latest !== undefined && latest.id !== figure.id;
  const blocks: Block[] = [title(parts, historical ? t.notification.historical : t.notification.published), figureLine(parts, [value])];
  const note = figure.note?.[locale];
  if (note !== undefined && note !== '') blocks.push(text(`${t.admin.note}: `, note));
  const beside = historical ? latest : await previousOfSameSource(db, parts);
  if (beside !== undefined) {
    const label = historical ? t.notification.currentLatest(figure.source.name) : t.notification.previous(figure.source.name);
    blocks.push(text(`${label}: `, ...valueSpans(beside, beside.value, parts)));
  }
  const others = await otherSources(db, parts, today);
  if (others !== null) blocks.push(others);
  return blocks;
}

function title(parts: Parts, what: string): Block {
  return text(strong(`${what} · ${parts.indicator.name[parts.locale]}`));
}

/** `Foro Penal: 902 → 910 — al 20 dic 2025 · kudupinter.com · #1`. */
function figureLine(parts: Parts, values: readonly FigureValue[]): Block {
  const shown = values.map((v) => formatValue(v, parts.locale)).join(' → ');
  return text(strong(parts.figure.source.name), ': ', ...valueSpans(parts.figure, shown, parts));
}

/** The value, date (and period), link and id of a figure. */
function valueSpans(figure: Figure, value: FigureValue | string, parts: Parts): Span[] {
  const { locale, t } = parts;
  const shown = typeof value === 'string' ? value : formatValue(value, locale);
  const period = figure.period === null ? '' : ` (${t.summary.period} ${formatPeriod(figure.period, locale)})`;
  const url = figure.url || figure.source.url || '';
  return [
    strong(shown),
    { text: ` — ${t.summary.asOf} ${formatAsOf(figure.asOf, locale)}${period}` },
    ...(url === '' ? [] : [{ text: ' · ' }, link(hostOf(url), url)]),
    { text: ` · #${figure.id}` },
  ];
}

function reasonBlock(parts: Parts, revision: FigureRevision): Block {
  return text(`${parts.t.notification.reason}: `, revision.reason ?? '');
}

/** The revision the event names; the newest one if the figure has fewer (never expected). */
function revisionOf(figure: Figure, revision: number): FigureRevision {
  const found = figure.revisions.find((r) => r.revision === revision) ?? figure.revisions.at(-1);
  if (found === undefined) throw new Error(`figure ${figure.id} has no revisions`);
  return found;
}

/** The same source's live figure just before this one (history order: as-of, then recording). */
async function previousOfSameSource(db: DbOrTrx, parts: Parts): Promise<Figure | undefined> {
  const history = await indicatorHistory(db, parts.indicator, parts.figure.source.slug);
  const index = history.findIndex((f) => f.id === parts.figure.id);
  if (index < 0) return undefined;
  return history.slice(index + 1).find((f) => !f.retracted);
}

/** Every other source's latest figure, one a line; null when there is none. */
async function otherSources(db: DbOrTrx, parts: Parts, today: string): Promise<ListBlock | null> {
  const summary = await indicatorSummary(db, parts.indicator, today);
  const others = summary.latest.filter((latest) => latest.figure.source.id !== parts.figure.source.id);
  if (others.length === 0) return null;
  return {
    kind: 'list',
    title: [{ text: parts.t.notification.others }],
    items: others.map(({ figure, stale }) => [
      strong(figure.source.name),
      { text: ': ' },
      ...valueSpans(figure, figure.value, parts),
      ...(stale ? [{ text: ` · ${parts.t.summary.stale}` }] : []),
    ]),
  };
}

/** A link shown by its host (`kudupinter.com`): short, and says where it goes. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
