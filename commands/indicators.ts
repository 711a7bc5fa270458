// /indicators (/indicadores): every indicator with its id and what it counts.
import { defineCommand } from '../src/core/command.js';
import { reply, strong, text } from '../src/core/reply.js';
import { listIndicators } from '../src/domain/indicators.js';

export const indicators = defineCommand({
  name: 'indicators',
  alias: 'indicadores',
  description: { es: 'Los indicadores que sigue el bot', en: 'The indicators the bot follows' },
  options: [],
  access: 'anyone',
  cacheable: true,
  handler: async (ctx) => {
    const all = await listIndicators(ctx.db, ctx.cache);
    if (all.length === 0) return reply(ctx.locale, text(ctx.t.count.noIndicators));
    const items = all.map((indicator) => [
      strong(indicator.name[ctx.locale]),
      { text: ` (${indicator.slug}, ${ctx.t.indicators.kind[indicator.kind]})` },
      ...(indicator.description[ctx.locale] === '' ? [] : [{ text: ` — ${indicator.description[ctx.locale]}` }]),
    ]);
    return reply(ctx.locale, { kind: 'list', title: [strong(ctx.t.indicators.title)], items });
  },
});
