// A digest: one message with a period's events for one subscription, per indicator — new figures,
// corrections (old → new, with the reason) and retractions (with the reason). Built from the
// events themselves, so it says exactly what the subscription would have been told one by one
// (announced events only: what a quiet import recorded is told to nobody).
import type { EventKind } from '../../db/schema.js';
import { reply, strong, text, type Block, type Reply, type Span } from '../core/reply.js';
import { formatAsOf } from '../domain/as-of.js';
import type { DbOrTrx } from '../domain/db.js';
import { addDays } from '../domain/local-time.js';
import type { Locale } from '../domain/types.js';
import { formatValue } from '../domain/value.js';
import { messagesFor } from '../i18n/index.js';
import type { DigestPeriod } from './digest-period.js';
import { figureParts, revisionOf, valueSpans } from './notification-reply.js';

interface PeriodEvent {
  readonly kind: EventKind;
  readonly figureId: number;
  readonly revision: number;
  readonly indicator: string;
}

async function periodEvents(db: DbOrTrx, scope: string, period: DigestPeriod): Promise<PeriodEvent[]> {
  const rows = await db
    .selectFrom('events as e')
    .innerJoin('figures as f', 'f.id', 'e.figure_id')
    .innerJoin('indicators as i', 'i.id', 'f.indicator_id')
    .select(['e.kind', 'e.figure_id', 'e.revision', 'i.slug'])
    .where('e.created_at', '>=', period.start.toISOString())
    .where('e.created_at', '<', period.end.toISOString())
    .where('e.announced', '=', 1)
    .$if(scope !== '*', (q) => q.where('i.slug', '=', scope))
    .orderBy('i.slug')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ kind: r.kind, figureId: r.figure_id, revision: r.revision, indicator: r.slug }));
}

/** The digest of `period` for a subscription to `scope`; null when nothing happened in it. */
export async function buildDigestReply(db: DbOrTrx, scope: string, period: DigestPeriod, locale: Locale): Promise<Reply | null> {
  const events = await periodEvents(db, scope, period);
  if (events.length === 0) return null;
  const t = messagesFor(locale);
  const day = (date: string) => formatAsOf({ text: date, precision: 'day', start: date }, locale);
  const heading = period.frequency === 'daily' ? t.digest.daily(day(period.sendDate)) : t.digest.weekly(day(addDays(period.sendDate, -7)), day(addDays(period.sendDate, -1)));
  const blocks: Block[] = [text(strong(heading))];
  let current: { slug: string; name: string; items: Span[][] } | undefined;
  const flush = () => current && blocks.push({ kind: 'list', title: [strong(current.name)], items: current.items });
  for (const event of events) {
    const parts = await figureParts(db, event.figureId, locale);
    if (current?.slug !== event.indicator) {
      flush();
      current = { slug: event.indicator, name: parts.indicator.name[locale], items: [] };
    }
    const { figure } = parts;
    const now = revisionOf(figure, event.revision);
    const label = event.kind === 'published' ? t.notification.published : event.kind === 'corrected' ? t.notification.corrected : t.notification.retracted;
    const head: Span[] = [{ text: `${label} · ` }, strong(figure.source.name), { text: ': ' }];
    if (event.kind === 'published') current.items.push([...head, ...valueSpans(figure, now.value, parts)]);
    else {
      const shown = event.kind === 'corrected' ? `${formatValue(revisionOf(figure, event.revision - 1).value, locale)} → ${formatValue(now.value, locale)}` : formatValue(now.value, locale);
      current.items.push([...head, ...valueSpans(figure, shown, parts), { text: ` · ${t.notification.reason}: ` }, { text: now.reason ?? '' }]);
    }
  }
  flush();
  return reply(locale, ...blocks);
}
