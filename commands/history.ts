// /history (/historial) indicator [source]: every figure by as-of date, newest first, each with
// its corrections and retraction and their reasons. Nothing is ever hidden: retracted figures stay.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { link, reply, strong, text, type Block, type ListBlock, type Span } from '../src/core/reply.js';
import { resolveTarget } from '../src/core/resolve-target.js';
import { asOfFromStorage, formatAsOf } from '../src/domain/as-of.js';
import { indicatorHistory } from '../src/domain/queries.js';
import type { Figure, FigureRevision } from '../src/domain/types.js';
import { formatValue } from '../src/domain/value.js';

/** Enough to read in one message; the rest is counted. */
const MAX_FIGURES = 15;

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
      // `/historial presos políticos foro penal`: where the indicator ends is found in the handler.
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
  cacheable: true,
  handler: async (ctx, args) => {
    const found = await resolveTarget(ctx, 'history', args.indicator, args.source);
    if ('reply' in found) return found.reply;
    const { indicator, source } = found;
    const figures = await indicatorHistory(ctx.db, indicator, source?.slug);
    const title = text(strong(ctx.t.history.title(indicator.name[ctx.locale], source?.name ?? null)));
    if (figures.length === 0) return reply(ctx.locale, title, text(ctx.t.history.empty));
    const blocks: Block[] = [title, ...figures.slice(0, MAX_FIGURES).map((figure) => figureBlock(figure, ctx))];
    if (figures.length > MAX_FIGURES) blocks.push(text(ctx.t.history.more(figures.length - MAX_FIGURES)));
    return reply(ctx.locale, ...blocks);
  },
});

/** `#1 · 20 dic 2025 · Foro Penal: 902`, then one line per revision. */
function figureBlock(figure: Figure, ctx: CommandContext): ListBlock {
  const title: Span[] = [
    strong(`#${figure.id}`),
    { text: ` · ${formatAsOf(figure.asOf, ctx.locale)} · ${figure.source.name}: ` },
    strong(formatValue(figure.value, ctx.locale)),
    ...(figure.retracted ? [{ text: ` ${ctx.t.history.retracted}`, style: 'strong' as const }] : []),
    { text: ' · ' },
    link(figure.url, figure.url),
  ];
  return { kind: 'list', title, items: figure.revisions.map((revision) => revisionLine(revision, ctx)) };
}

/** `corregida el 28 dic 2025: 900 — motivo: …`. */
function revisionLine(revision: FigureRevision, ctx: CommandContext): Span[] {
  const when = formatAsOf(asOfFromStorage(revision.recordedAt.slice(0, 10)), ctx.locale);
  const line: Span[] = [{ text: `${ctx.t.history.revision[revision.kind]} ${when}: ${formatValue(revision.value, ctx.locale)}` }];
  if (revision.reason !== null && revision.reason !== '') {
    line.push({ text: ` — ${ctx.t.history.reason}: ` }, { text: revision.reason, style: 'em' });
  }
  return line;
}
