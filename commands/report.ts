// /report (/reportar) indicator source value as-of url [note…]: an editor records a new figure.
// The same domain write as POST /api/v1/figures, so the rules (known indicator and source, valid
// value, as-of not in the future, http(s) link) are the API's. The reply shows the figure with
// its public id. Whatever the editor typed goes into the reply as data, never as markup.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { link, reply, strong, text, type Block, type Span } from '../src/core/reply.js';
import { formatAsOf } from '../src/domain/as-of.js';
import { DomainError } from '../src/domain/errors.js';
import { reportFigure } from '../src/domain/figures.js';
import { getIndicator, listIndicators } from '../src/domain/indicators.js';
import { normalizeText } from '../src/domain/lookup.js';
import { listSources } from '../src/domain/sources.js';
import type { Figure, Indicator, Source } from '../src/domain/types.js';
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
      description: { es: 'Qué se cuenta, p. ej. political-prisoners', en: 'What is counted, e.g. political-prisoners' },
      required: true,
      autocomplete: true,
    },
    {
      name: 'source',
      kind: 'source',
      names: { es: 'fuente', en: 'source' },
      description: { es: 'Quién la publica, p. ej. foro-penal', en: 'Who published it, e.g. foro-penal' },
      required: true,
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
    const indicator = await findIndicatorForWrite(ctx, args.indicator);
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

/**
 * An indicator for a write: its slug, or exactly one of its names or aliases (any case, accents
 * or punctuation). Unlike /count no near match is taken: a figure must not land on a guess.
 */
export async function findIndicatorForWrite(ctx: CommandContext, input: string): Promise<Indicator> {
  const bySlug = await getIndicator(ctx.db, input.trim().toLowerCase());
  if (bySlug !== undefined) return bySlug;
  const query = normalizeText(input);
  const named = (await listIndicators(ctx.db, ctx.cache)).filter((i) =>
    [i.slug, i.name.es, i.name.en, ...i.aliases.es, ...i.aliases.en].some((name) => normalizeText(name) === query),
  );
  if (named.length > 1) throw new DomainError('ambiguous_indicator', { input });
  if (named[0] === undefined) throw new DomainError('unknown_indicator', { input });
  return named[0];
}

/** A source for a write: its slug or its exact name (any case, accents or punctuation). */
export function findSourceForWrite(all: readonly Source[], input: string): Source {
  const query = normalizeText(input);
  const found = all.find((s) => normalizeText(s.slug) === query || normalizeText(s.name) === query);
  if (found === undefined) throw new DomainError('unknown_source', { input });
  return found;
}

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
