// /chart (/grafico) indicator [source]: the indicator's history as an image — the same chart the
// web pages and chart routes draw — captioned with each source's latest figure, one line each,
// and the indicator's page when PUBLIC_URL is set. The indicator is looked up as /count's is.
import { defineCommand } from '../src/core/command.js';
import { link, reply, text, type Block, type ChartBlock } from '../src/core/reply.js';
import { resolveTarget } from '../src/core/resolve-target.js';
import { summaryBlock } from '../src/core/summary-block.js';
import { indicatorHistory, indicatorSummary } from '../src/domain/queries.js';

/** px: readable on a phone once the chat scales it down, sharp on a desktop. */
const WIDTH = 800;

export const chart = defineCommand({
  name: 'chart',
  alias: 'grafico',
  description: {
    es: 'La historia de un indicador en un gráfico',
    en: "An indicator's history as a chart",
  },
  options: [
    {
      name: 'indicator',
      kind: 'indicator',
      names: { es: 'indicador', en: 'indicator' },
      description: { es: 'Qué se cuenta, p. ej. presos políticos', en: 'What is counted, e.g. political prisoners' },
      required: true,
      phrase: true,
      autocomplete: true,
    },
    {
      name: 'source',
      kind: 'source',
      names: { es: 'fuente', en: 'source' },
      description: { es: 'Solo las cifras de esta fuente', en: "Only this source's figures" },
      required: false,
      rest: true,
      autocomplete: true,
    },
  ],
  access: 'anyone',
  // The reply, image included, is kept until the next write: a busy chart is drawn once.
  cacheable: true,
  handler: async (ctx, args) => {
    const found = await resolveTarget(ctx, 'chart', args.indicator, args.source);
    if ('reply' in found) return found.reply;
    const { indicator, source } = found;
    const summary = await indicatorSummary(ctx.db, indicator, ctx.today, ctx.cache);
    const shown = source === undefined ? summary : { ...summary, latest: summary.latest.filter((l) => l.figure.source.slug === source.slug), spread: null };
    let drawn: Promise<Buffer> | undefined;
    const image: ChartBlock = {
      kind: 'chart',
      indicatorSlug: indicator.slug,
      sourceSlug: source?.slug ?? null,
      fileName: `${indicator.slug}${source === undefined ? '' : `-${source.slug}`}.png`,
      image: `${indicator.slug}:${source?.slug ?? ''}:${ctx.locale}`,
      version: ctx.cache.version,
      // Drawn once per kept reply, and only if a platform has no copy; a failure is tried again.
      png: () =>
        (drawn ??= indicatorHistory(ctx.db, indicator, source?.slug)
          .then((figures) => ctx.charts.png({ indicator, figures, locale: ctx.locale, width: WIDTH, source: source ?? null }))
          .catch((error: unknown) => {
            drawn = undefined;
            throw error;
          })),
    };
    const blocks: Block[] = [image, summaryBlock(shown, ctx.locale, ctx.t)];
    if (ctx.publicUrl !== null) {
      const page = `${ctx.publicUrl}/indicators/${encodeURIComponent(indicator.slug)}`;
      blocks.push(text(link(page, page)));
    }
    return reply(ctx.locale, ...blocks);
  },
});
