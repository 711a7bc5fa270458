// /history (/historial) indicator [source] [page]: every figure by as-of date, newest first, in
// pages that fit a message, each figure with its period, note, link, recorded time and its
// corrections and retraction with their reasons. Nothing is ever hidden: retracted figures stay,
// and a page says where the others are (buttons, `/historial presos 2`).
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { commandLabel } from '../src/core/help-text.js';
import { link, reply, strong, text, type Block, type ListBlock, type Span } from '../src/core/reply.js';
import { paginate, pagerChoice, REPLY_BUDGET, spansCost, trailingPage, type Page } from '../src/core/reply-pages.js';
import { resolveTarget } from '../src/core/resolve-target.js';
import { formatPeriod } from '../src/core/summary-block.js';
import { formatAsOf } from '../src/domain/as-of.js';
import { indicatorHistory } from '../src/domain/queries.js';
import type { Figure, FigureRevision, Indicator, Source } from '../src/domain/types.js';
import { formatValue } from '../src/domain/value.js';
import { formatRecordedAt } from '../src/i18n/format-recorded-at.js';

/** At most this many figures a page, however short: enough to read in one message. */
const FIGURES_PER_PAGE = 8;
/** What the title, the range line and the pager take of the budget. */
const FRAME_COST = 600;
/** A note or reason longer than this is cut in the list; /figure shows it whole. */
const MAX_NOTE_SHOWN = 280;
const MAX_REASON_SHOWN = 200;
/** Corrections past this many are counted, not listed (/figure lists them all). */
const MAX_REVISIONS_SHOWN = 4;

export const history = defineCommand({
  name: 'history',
  alias: 'historial',
  description: {
    es: 'Todas las cifras de un indicador, con correcciones y retiradas',
    en: 'Every figure for an indicator, with corrections and retractions',
  },
  options: [
    {
      name: 'indicator',
      kind: 'indicator',
      names: { es: 'indicador', en: 'indicator' },
      description: { es: 'Qué se cuenta', en: 'What is counted' },
      required: true,
      // `/historial presos políticos foro penal 2`: where the indicator ends is found in the handler.
      phrase: true,
      autocomplete: true,
    },
    {
      name: 'source',
      kind: 'source',
      names: { es: 'fuente', en: 'source' },
      description: { es: 'Solo las cifras de esta fuente', en: "Only this source's figures" },
      required: false,
      // After a quoted indicator: the source's words and maybe a page number, split in the handler.
      phrase: true,
      autocomplete: true,
    },
    {
      name: 'page',
      kind: 'integer',
      names: { es: 'página', en: 'page' },
      description: { es: 'Qué página: 1 es la de las cifras más recientes', en: 'Which page: 1 has the newest figures' },
      required: false,
    },
  ],
  access: 'anyone',
  cacheable: true,
  handler: async (ctx, args) => {
    const asked = pageArgument(args);
    const found = await resolveTarget(ctx, 'history', asked.indicator, asked.source);
    if ('reply' in found) return found.reply;
    const { indicator, source } = found;
    const titleText = ctx.t.history.title(indicator.name[ctx.locale], source?.name ?? null);
    const pages = await historyPages(ctx, indicator, source);
    if (pages[0]?.total === 0) return reply(ctx.locale, text(strong(titleText)), text(ctx.t.history.empty));
    const page = pages[asked.page - 1];
    const command = commandLabel(ctx.registry, 'history', ctx.locale);
    if (page === undefined) return reply(ctx.locale, text(strong(titleText)), text(ctx.t.paging.noSuchPage(asked.page, pages.length)));
    const title: Span[] = [strong(titleText)];
    if (page.pages > 1) title.push({ text: ` (${ctx.t.paging.page(page.page, page.pages)})` });
    const result: Block[] = [text(...title), ...page.items];
    if (page.pages > 1) result.push(text(ctx.t.history.range(page.first, page.first + page.items.length - 1, page.total)));
    const target = `/history ${indicator.slug}${source === undefined ? '' : ` ${source.slug}`}`;
    const pager = pagerChoice(ctx.t, page, `${command} ${indicator.slug}${source === undefined ? '' : ` ${source.slug}`}`, (n) => `${target} ${n}`);
    if (pager !== null) result.push(pager);
    return reply(ctx.locale, ...result);
  },
});

/**
 * Every page of a history, kept until the next write (read-cache.ts): a reader paging through 600
 * figures has each page cut from one reading, not the whole history read again per page.
 */
async function historyPages(ctx: CommandContext, indicator: Indicator, source: Source | undefined): Promise<Page<ListBlock>[]> {
  const key = `history-pages:${indicator.id}:${source?.id ?? ''}:${ctx.locale}:${ctx.timeZone}:${ctx.publicUrl ?? ''}`;
  return ctx.cache.read(key, async () => {
    const figures = await indicatorHistory(ctx.db, indicator, source?.slug);
    const blocks = figures.map((figure) => figureBlock(figure, ctx));
    const cost = (block: ListBlock) => spansCost(block.title ?? []) + block.items.reduce((sum, item) => sum + spansCost(item), 0);
    return paginate(blocks, cost, { budget: REPLY_BUDGET - FRAME_COST, maxItems: FIGURES_PER_PAGE });
  });
}

/**
 * The page asked for and the text left for the indicator and source: Discord gives `page` apart;
 * in text it ends the line (`/historial presos políticos foro penal 2`, `… página 2`).
 */
function pageArgument(args: { indicator: string; source: string | undefined; page: number | undefined }): {
  indicator: string;
  source: string | undefined;
  page: number;
} {
  if (args.page !== undefined) return { indicator: args.indicator, source: args.source, page: args.page };
  if (args.source !== undefined) {
    const found = trailingPage(args.source);
    if (found !== undefined) return { indicator: args.indicator, source: found.rest === '' ? undefined : found.rest, page: found.page };
    return { indicator: args.indicator, source: args.source, page: 1 };
  }
  const found = trailingPage(args.indicator);
  if (found !== undefined && found.rest !== '') return { indicator: found.rest, source: undefined, page: found.page };
  return { indicator: args.indicator, source: undefined, page: 1 };
}

/**
 * `#17 · Foro Penal: 902 (corregida) · al 20 dic 2025 · periodo … · registrada 3 dic 2026, 14:05
 * (hora de Caracas) · efectococuyo.com`, then its note and one line per correction or retraction.
 * The as-of date is what the source counted as of; the recorded time when it was entered here.
 */
function figureBlock(figure: Figure, ctx: CommandContext): ListBlock {
  const { t, locale } = ctx;
  const [report, ...changes] = figure.revisions;
  const corrected = changes.some((r) => r.kind === 'correction');
  const idLink = ctx.publicUrl === null ? undefined : `${ctx.publicUrl}/figures/${figure.id}`;
  const title: Span[] = [
    idLink === undefined ? strong(`#${figure.id}`) : { text: `#${figure.id}`, style: 'strong', link: idLink },
    { text: ` · ${figure.source.name}: ` },
    strong(formatValue(figure.value, locale)),
    ...(corrected ? [{ text: ` (${t.summary.corrected})` }] : []),
    ...(figure.retracted ? [{ text: ` ${t.history.retracted}`, style: 'strong' as const }] : []),
    { text: ` · ${t.history.asOf} ${formatAsOf(figure.asOf, locale)}` },
    ...(figure.period === null ? [] : [{ text: ` · ${t.history.period} ${formatPeriod(figure.period, locale)}` }]),
    ...(report === undefined ? [] : [{ text: ` · ${t.history.revision.report} ${formatRecordedAt(report.recordedAt, locale, ctx.timeZone)}` }]),
    { text: ' · ' },
    link(hostOf(figure.url), figure.url),
  ];
  const figureCommand = `${commandLabel(ctx.registry, 'figure', locale)} ${figure.id}`;
  const items: Span[][] = [];
  const note = figure.note?.[locale];
  if (note !== undefined && note !== '') {
    items.push([{ text: `${t.history.note}: ` }, ...clipped(note, MAX_NOTE_SHOWN, t.history.cut(figureCommand))]);
  }
  const shown = changes.slice(0, MAX_REVISIONS_SHOWN);
  shown.forEach((revision, index) => {
    const before = index === 0 ? report : shown[index - 1];
    items.push(revisionLine(revision, before, ctx, figureCommand));
  });
  if (changes.length > shown.length) items.push([{ text: `+${changes.length - shown.length} · ${figureCommand}` }]);
  return { kind: 'list', title, items };
}

/** `corregida 4 dic 2026, 09:00 (hora de Caracas): 863 → 870 — motivo: …`. */
function revisionLine(revision: FigureRevision, before: FigureRevision | undefined, ctx: CommandContext, figureCommand: string): Span[] {
  const { t, locale } = ctx;
  const when = formatRecordedAt(revision.recordedAt, locale, ctx.timeZone);
  const value = formatValue(revision.value, locale);
  const change = revision.kind === 'correction' && before !== undefined ? `${formatValue(before.value, locale)} → ${value}` : value;
  const line: Span[] = [{ text: `${t.history.revision[revision.kind]} ${when}${revision.kind === 'retraction' ? '' : `: ${change}`}` }];
  if (revision.reason !== null && revision.reason !== '') {
    line.push({ text: ` — ${t.history.reason}: ` }, ...clipped(revision.reason, MAX_REASON_SHOWN, t.history.cut(figureCommand), 'em'));
  }
  return line;
}

/** `text`, or its first `max` characters and a note saying where the rest is. */
function clipped(value: string, max: number, cutNote: string, style?: 'em'): Span[] {
  const shown = value.length <= max ? value : `${value.slice(0, max).trimEnd()}…`;
  const span: Span = style === undefined ? { text: shown } : { text: shown, style };
  return value.length <= max ? [span] : [span, { text: ` (${cutNote})` }];
}

/** A link shown by its host: short, and it says where it goes. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
