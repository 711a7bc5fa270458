// /report (/reportar) indicator source value as-of url [note…]: an editor records a new figure.
// The same domain write as POST /api/v1/figures, so the rules (known indicator and source, valid
// value, as-of not in the future, http(s) link) are the API's. Indicator and source are looked up
// as everywhere (names of several words included), but only a match as typed is written to. The reply shows the figure with
// its public id. Whatever the editor typed goes into the reply as data, never as markup.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { link, reply, strong, text, type Block, type Span } from '../src/core/reply.js';
import { findIndicatorForWrite } from '../src/core/resolve-indicator.js';
import { findSourceForWrite } from '../src/core/resolve-source.js';
import { formatAsOf } from '../src/domain/as-of.js';
import { reportFigure } from '../src/domain/figures.js';
import { listIndicators } from '../src/domain/indicators.js';
import { listSources } from '../src/domain/sources.js';
import type { Figure, Indicator } from '../src/domain/types.js';
import { formatValue, parseValue } from '../src/domain/value.js';
import { valueOption } from './shared-options.js';

export const report = defineCommand({
  name: 'report',
  alias: 'reportar',
  description: {
    es: 'Registrar una cifra nueva (editores)',
    en: 'Record a new figure (editors)',
  },
  options: [
    {
      name: 'indicator',
      kind: 'indicator',
      names: { es: 'indicador', en: 'indicator' },
      description: { es: 'Qué se cuenta, p. ej. presos políticos', en: 'What is counted, e.g. political prisoners' },
      required: true,
      // `/reportar presos políticos foro penal 902 …`: both names may be several words (leading-names.ts).
      leadingName: true,
      autocomplete: true,
    },
    {
      name: 'source',
      kind: 'source',
      names: { es: 'fuente', en: 'source' },
      description: { es: 'Quién la publica, p. ej. Foro Penal', en: 'Who published it, e.g. Foro Penal' },
      required: true,
      leadingName: true,
      autocomplete: true,
    },
    valueOption({ es: 'La cifra', en: 'The figure' }),
    {
      name: 'as-of',
      kind: 'string',
      names: { es: 'fecha', en: 'as-of' },
      description: { es: 'A qué fecha corresponde: AAAA-MM-DD, AAAA-MM o AAAA', en: 'The date it is as of: YYYY-MM-DD, YYYY-MM or YYYY' },
      required: true,
    },
    {
      name: 'url',
      kind: 'string',
      names: { es: 'enlace', en: 'url' },
      description: { es: 'Dónde se publicó (https://…)', en: 'Where it was published (https://…)' },
      required: true,
    },
    {
      name: 'note',
      kind: 'text',
      names: { es: 'nota', en: 'note' },
      description: { es: 'Una nota opcional', en: 'An optional note' },
      required: false,
    },
  ],
  access: 'editor',
  handler: async (ctx, args) => {
    const indicator = findIndicatorForWrite(await listIndicators(ctx.db, ctx.cache), args.indicator);
    const source = findSourceForWrite(await listSources(ctx.db), args.source);
    const figure = await reportFigure(
      ctx.db,
      {
        indicator: indicator.slug,
        source: source.slug,
        value: parseValue(args.value),
        asOf: args['as-of'],
        url: args.url,
        note: args.note ?? null,
      },
      { actor: ctx.actor, now: ctx.now },
    );
    return reply(ctx.locale, text(strong(ctx.t.admin.reported(figure.id))), ...figureBlocks(figure, indicator, ctx));
  },
});

/** `#17 · Presos políticos · Foro Penal: 863 · al 29 dic 2025 · <link>`, then the note if any. */
export function figureBlocks(figure: Figure, indicator: Indicator, ctx: CommandContext): Block[] {
  const line: Span[] = [
    strong(`#${figure.id}`),
    { text: ` · ${indicator.name[ctx.locale]} · ${figure.source.name}: ` },
    strong(formatValue(figure.value, ctx.locale)),
    { text: ` · ${ctx.t.summary.asOf} ${formatAsOf(figure.asOf, ctx.locale)} · ` },
    link(figure.url, figure.url),
  ];
  const note = figure.note?.[ctx.locale];
  return note === undefined || note === '' ? [text(...line)] : [text(...line), text(`${ctx.t.admin.note}: `, note)];
}
