// /indicators (/indicadores) [page]: every indicator with its id and what it counts, by name, in
// pages that fit a message (buttons and `/indicadores 2` for the others).
import { defineCommand } from '../src/core/command.js';
import { commandLabel } from '../src/core/help-text.js';
import { reply, strong, text, type Block, type Span } from '../src/core/reply.js';
import { pageOf, pagerChoice, REPLY_BUDGET, spansCost } from '../src/core/reply-pages.js';
import { listIndicators } from '../src/domain/indicators.js';

const INDICATORS_PER_PAGE = 30;
const FRAME_COST = 500;

export const indicators = defineCommand({
  name: 'indicators',
  alias: 'indicadores',
  description: { es: 'Los indicadores que sigue el bot', en: 'The indicators the bot follows' },
  options: [
    {
      name: 'page',
      kind: 'integer',
      names: { es: 'página', en: 'page' },
      description: { es: 'Qué página de la lista', en: 'Which page of the list' },
      required: false,
    },
  ],
  access: 'anyone',
  cacheable: true,
  handler: async (ctx, args) => {
    const all = await listIndicators(ctx.db, ctx.cache);
    if (all.length === 0) return reply(ctx.locale, text(ctx.t.count.noIndicators));
    const items = all.map((indicator): Span[] => [
      strong(indicator.name[ctx.locale]),
      { text: ` (${indicator.slug}, ${ctx.t.indicators.kind[indicator.kind]})` },
      ...(indicator.description[ctx.locale] === '' ? [] : [{ text: ` — ${indicator.description[ctx.locale]}` }]),
    ]);
    const limits = { budget: REPLY_BUDGET - FRAME_COST, maxItems: INDICATORS_PER_PAGE };
    const asked = args.page ?? 1;
    const page = pageOf(items, spansCost, asked, limits);
    if (page === undefined) return reply(ctx.locale, text(ctx.t.paging.noSuchPage(asked, pageOf(items, spansCost, 1, limits)?.pages ?? 1)));
    const title: Span[] = [strong(ctx.t.indicators.title)];
    if (page.pages > 1) title.push({ text: ` (${ctx.t.paging.page(page.page, page.pages)})` });
    const blocks: Block[] = [{ kind: 'list', title, items: page.items }];
    const after = page.total - (page.first - 1 + page.items.length);
    if (after > 0) blocks.push(text(ctx.t.paging.left(after, ctx.t.paging.indicators)));
    const pager = pagerChoice(ctx.t, page, commandLabel(ctx.registry, 'indicators', ctx.locale), (n) => `/indicators ${n}`);
    if (pager !== null) blocks.push(pager);
    return reply(ctx.locale, ...blocks);
  },
});
