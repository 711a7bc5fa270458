// /figure (/cifra) figure-id: one figure whole — value, as-of date, period, source, link, note —
// and every revision (report, corrections, retraction) with its reason and recorded time.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { link, reply, strong, text, type Block, type Span } from '../src/core/reply.js';
import { REPLY_BUDGET, spansCost } from '../src/core/reply-pages.js';
import { formatPeriod } from '../src/core/summary-block.js';
import { formatAsOf } from '../src/domain/as-of.js';
import { DomainError } from '../src/domain/errors.js';
import { getFigure } from '../src/domain/figure-read.js';
import { requireIndicator } from '../src/domain/indicators.js';
import type { Figure, FigureRevision } from '../src/domain/types.js';
import { formatValue } from '../src/domain/value.js';
import { formatRecordedAt } from '../src/i18n/format-recorded-at.js';
import { figureOption } from './shared-options.js';

export const figure = defineCommand({
  name: 'figure',
  alias: 'cifra',
  description: {
    es: 'Una cifra entera: valor, fecha, fuente, enlace, nota y cada revisión',
    en: 'One figure whole: value, date, source, link, note and every revision',
  },
  options: [figureOption],
  access: 'anyone',
  cacheable: true,
  handler: async (ctx, args) => {
    const found = await getFigure(ctx.db, args.figure);
    if (found === undefined) throw new DomainError('figure_not_found', { id: args.figure });
    const indicator = await requireIndicator(ctx.db, found.indicatorSlug);
    const { t, locale } = ctx;
    const web = ctx.publicUrl === null ? null : `${ctx.publicUrl}/figures/${found.id}`;
    const blocks: Block[] = [
      text(strong(t.figure.title(found.id, indicator.name[locale]))),
      text(...valueLine(found, ctx)),
      text(`${t.figure.link}: `, link(found.url, found.url)),
    ];
    const note = found.note?.[locale];
    if (note !== undefined && note !== '') blocks.push(text(`${t.admin.note}: `, note));
    blocks.push(revisionList(found, ctx, REPLY_BUDGET - blocks.reduce((sum, b) => sum + (b.kind === 'text' ? spansCost(b.parts) : 0), 0) - 300));
    if (web !== null) blocks.push(text(link(t.figure.webPage, web)));
    return reply(locale, ...blocks);
  },
});

/** `Fuente: Foro Penal · 902 (corregida) · al 20 dic 2025 · periodo …`, and RETIRADA when it was. */
function valueLine(figure: Figure, ctx: CommandContext): Span[] {
  const { t, locale } = ctx;
  const corrected = figure.revisions.some((r) => r.kind === 'correction');
  return [
    { text: `${t.figure.source}: ${figure.source.name} · ` },
    strong(formatValue(figure.value, locale)),
    ...(corrected ? [{ text: ` (${t.summary.corrected})` }] : []),
    ...(figure.retracted ? [{ text: ` ${t.history.retracted}`, style: 'strong' as const }] : []),
    { text: ` · ${t.history.asOf} ${formatAsOf(figure.asOf, locale)}` },
    ...(figure.period === null ? [] : [{ text: ` · ${t.history.period} ${formatPeriod(figure.period, locale)}` }]),
  ];
}

/**
 * Every revision, oldest first. Should they not fit in `budget` (dozens of long reasons), the
 * report and the newest ones are kept and the count of those left out between them is said.
 */
function revisionList(figure: Figure, ctx: CommandContext, budget: number): Block {
  const lines = figure.revisions.map((revision) => revisionLine(revision, ctx));
  let kept = lines;
  let omitted = 0;
  const cost = (items: readonly Span[][]) => items.reduce((sum, item) => sum + spansCost(item), 0);
  while (kept.length > 2 && cost(kept) > budget) {
    kept = [kept[0]!, ...kept.slice(2)];
    omitted += 1;
  }
  const items = omitted === 0 ? kept : [kept[0]!, [{ text: `… ${ctx.t.figure.moreRevisions(omitted)}` }], ...kept.slice(1)];
  return { kind: 'list', title: [strong(ctx.t.figure.revisions)], items };
}

/** `corregida 4 dic 2026, 09:00 (hora de Caracas): 870 — motivo: …`. */
function revisionLine(revision: FigureRevision, ctx: CommandContext): Span[] {
  const { t, locale } = ctx;
  const when = formatRecordedAt(revision.recordedAt, locale, ctx.timeZone);
  const value = revision.kind === 'retraction' ? '' : `: ${formatValue(revision.value, locale)}`;
  const line: Span[] = [{ text: `${t.history.revision[revision.kind]} ${when}${value}` }];
  if (revision.reason !== null && revision.reason !== '') line.push({ text: ` — ${t.history.reason}: ` }, { text: revision.reason, style: 'em' });
  return line;
}
