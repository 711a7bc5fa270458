// /count (/cifras) [indicator]: with an indicator, each source's latest figure side by side with
// the spread; without one, a line per indicator.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { commandLabel } from '../src/core/help-text.js';
import { reply, strong, text, type Reply, type Span } from '../src/core/reply.js';
import { resolveIndicator } from '../src/core/resolve-indicator.js';
import { summaryBlock } from '../src/core/summary-block.js';
import { allSummaries, indicatorSummary } from '../src/domain/queries.js';
import type { IndicatorSummary } from '../src/domain/types.js';
import { formatAsOf } from '../src/domain/as-of.js';
import { formatValue } from '../src/domain/value.js';

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
    if (indicator === undefined) return everyIndicator(ctx);
    const found = await resolveIndicator(ctx, indicator, (slug) => `/count ${slug}`);
    if ('reply' in found) return found.reply;
    const summary = await indicatorSummary(ctx.db, found.indicator, ctx.today, ctx.cache);
    return reply(ctx.locale, summaryBlock(summary, ctx.locale, ctx.t));
  },
});

async function everyIndicator(ctx: CommandContext): Promise<Reply> {
  const summaries = await allSummaries(ctx.db, ctx.today, ctx.cache);
  if (summaries.length === 0) return reply(ctx.locale, text(ctx.t.count.noIndicators));
  const command = commandLabel(ctx.registry, 'count', ctx.locale);
  return reply(
    ctx.locale,
    { kind: 'list', title: [strong(ctx.t.count.allTitle)], items: summaries.map((s) => oneLine(s, ctx)) },
    text(ctx.t.count.allHint(command)),
  );
}

/** `Presos políticos: 902 (Foro Penal, 20 dic 2025)`. */
function oneLine(summary: IndicatorSummary, ctx: CommandContext): Span[] {
  const name = strong(summary.indicator.name[ctx.locale]);
  if (summary.latest.length === 0) return [name, { text: `: ${ctx.t.count.noFigures}` }];
  const figures = summary.latest
    .map(({ figure }) => `${formatValue(figure.value, ctx.locale)} (${figure.source.name}, ${formatAsOf(figure.asOf, ctx.locale)})`)
    .join('; ');
  return [name, { text: `: ${figures}` }];
}
