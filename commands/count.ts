// /count (/cifras) [indicator]: with an indicator, each source's latest figure side by side with
// the spread; without one, a line per indicator — in pages when they do not all fit a message,
// and saying so (`/cifras 2`, the buttons), never cut silently.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { commandLabel } from '../src/core/help-text.js';
import { link, reply, strong, text, type Block, type Reply, type Span } from '../src/core/reply.js';
import { pageOf, pagerChoice, REPLY_BUDGET, spansCost, trailingPage } from '../src/core/reply-pages.js';
import { resolveIndicator } from '../src/core/resolve-indicator.js';
import { summaryBlock } from '../src/core/summary-block.js';
import { formatAsOf } from '../src/domain/as-of.js';
import { allSummaries, indicatorSummary } from '../src/domain/queries.js';
import type { Figure, IndicatorSummary } from '../src/domain/types.js';
import { formatNumber, formatValue, valueBounds } from '../src/domain/value.js';

/** At most this many indicators a page: a summary to read at a glance. */
const INDICATORS_PER_PAGE = 30;
/** What the title, hints and pager around the list may take of the budget. */
const FRAME_COST = 700;

export const count = defineCommand({
  name: 'count',
  alias: 'cifras',
  description: {
    es: 'Las últimas cifras de cada fuente para un indicador',
    en: "Each source's latest figure for an indicator",
  },
  options: [
    {
      name: 'indicator',
      kind: 'indicator',
      names: { es: 'indicador', en: 'indicator' },
      description: { es: 'Qué se cuenta, p. ej. presos políticos', en: 'What is counted, e.g. political prisoners' },
      required: false,
      rest: true,
      autocomplete: true,
    },
  ],
  access: 'anyone',
  cacheable: true,
  handler: async (ctx, { indicator }) => {
    if (indicator === undefined) return everyIndicator(ctx, 1);
    // `/cifras 2`: a page of the summary of every indicator (no indicator is named by a number).
    const page = trailingPage(indicator);
    if (page !== undefined && page.rest === '') return everyIndicator(ctx, page.page);
    const found = await resolveIndicator(ctx, indicator, (slug) => `/count ${slug}`);
    if ('reply' in found) return found.reply;
    const summary = await indicatorSummary(ctx.db, found.indicator, ctx.today, ctx.cache);
    const blocks: Block[] = [summaryBlock(summary, ctx.locale, ctx.t)];
    if (ctx.publicUrl !== null) {
      blocks.push(text(link(ctx.t.count.webPage, `${ctx.publicUrl}/indicators/${encodeURIComponent(found.indicator.slug)}`)));
    }
    return reply(ctx.locale, ...blocks);
  },
});

async function everyIndicator(ctx: CommandContext, pageNumber: number): Promise<Reply> {
  const summaries = await allSummaries(ctx.db, ctx.today, ctx.cache);
  if (summaries.length === 0) return reply(ctx.locale, text(ctx.t.count.noIndicators));
  const command = commandLabel(ctx.registry, 'count', ctx.locale);
  const lines = summaries.map((s) => oneLine(s, ctx));
  const page = pageOf(lines, spansCost, pageNumber, { budget: REPLY_BUDGET - FRAME_COST, maxItems: INDICATORS_PER_PAGE });
  if (page === undefined) {
    const pages = pageOf(lines, spansCost, 1, { budget: REPLY_BUDGET - FRAME_COST, maxItems: INDICATORS_PER_PAGE })?.pages ?? 1;
    return reply(ctx.locale, text(ctx.t.paging.noSuchPage(pageNumber, pages)), text(ctx.t.count.allHint(command)));
  }
  const title: Span[] = [strong(ctx.t.count.allTitle)];
  if (page.pages > 1) title.push({ text: ` (${ctx.t.paging.page(page.page, page.pages)})` });
  const blocks: Block[] = [{ kind: 'list', title, items: page.items }, text(ctx.t.count.allHint(command))];
  const after = page.total - (page.first - 1 + page.items.length);
  if (after > 0) blocks.push(text(ctx.t.paging.left(after, ctx.t.paging.indicators)));
  if (ctx.publicUrl !== null) blocks.push(text(link(ctx.t.count.webAll, `${ctx.publicUrl}/`)));
  const pager = pagerChoice(ctx.t, page, command, (n) => `/count ${n}`);
  if (pager !== null) blocks.push(pager);
  return reply(ctx.locale, ...blocks);
}

/**
 * One indicator in a line, every number with its source: `Presos políticos: 902 (Foro Penal, al 20
 * dic 2025)`, or for several sources the lowest and highest with theirs and how many there are:
 * `Presos políticos: 60 (ONG) – 1.387 (Foro Penal) · 5 fuentes`. A corrected value says so.
 */
function oneLine(summary: IndicatorSummary, ctx: CommandContext): Span[] {
  const name = strong(summary.indicator.name[ctx.locale]);
  const [only] = summary.latest;
  if (only === undefined) return [name, { text: `: ${ctx.t.count.noFigures}` }];
  if (summary.latest.length === 1 || summary.spread === null) {
    const figure = only.figure;
    return [
      name,
      { text: `: ${formatValue(figure.value, ctx.locale)}${correctedMark(figure, ctx)} (${figure.source.name}, ${ctx.t.summary.asOf} ${formatAsOf(figure.asOf, ctx.locale)})` },
    ];
  }
  const { low, high } = summary.spread;
  const end = (e: typeof low) => {
    const figure = summary.latest.find((l) => l.figure.id === e.figureId)?.figure;
    // An end is one source's whole value when that value is a single number; a range's end is just the number.
    const whole = figure !== undefined && valueBounds(figure.value).low === valueBounds(figure.value).high;
    const shown = whole && figure !== undefined ? formatValue(figure.value, ctx.locale) : formatNumber(e.value, ctx.locale);
    return `${shown}${figure === undefined ? '' : correctedMark(figure, ctx)} (${e.source.name})`;
  };
  return [name, { text: `: ${end(low)} – ${end(high)} · ${ctx.t.count.sources(summary.latest.length)}` }];
}

function correctedMark(figure: Figure, ctx: CommandContext): string {
  return figure.revisions.some((r) => r.kind === 'correction') ? ` [${ctx.t.summary.corrected}]` : '';
}
