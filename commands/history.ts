// /history (/historial) indicator [source]: every figure by as-of date, newest first, each with
// its corrections and retraction and their reasons. Nothing is ever hidden: retracted figures stay.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { link, reply, strong, text, type Block, type ListBlock, type Reply, type Span } from '../src/core/reply.js';
import { resolveIndicator } from '../src/core/resolve-indicator.js';
import { findSource, matchSource } from '../src/core/resolve-source.js';
import { asOfFromStorage, formatAsOf } from '../src/domain/as-of.js';
import { listIndicators } from '../src/domain/indicators.js';
import { lookupIndicator, normalizeText, type LookupResult } from '../src/domain/lookup.js';
import { indicatorHistory } from '../src/domain/queries.js';
import { listSources } from '../src/domain/sources.js';
import type { Figure, FigureRevision, Indicator, Source } from '../src/domain/types.js';
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
    const found = await resolveTarget(ctx, args.indicator, args.source);
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

type Target = { readonly indicator: Indicator; readonly source: Source | undefined } | { readonly reply: Reply };

/** The indicator and maybe the source asked for; a reply instead when the indicator is unclear. */
async function resolveTarget(ctx: CommandContext, indicatorText: string, sourceText: string | undefined): Promise<Target> {
  const sources = await listSources(ctx.db);
  if (sourceText !== undefined) {
    // Given apart (a Discord option, or after a quoted indicator): each is read as given.
    const source = findSource(sources, sourceText);
    const found = await resolveIndicator(ctx, indicatorText, (slug) => `/history ${slug} ${source.slug}`);
    return 'reply' in found ? found : { indicator: found.indicator, source };
  }
  return splitTarget(ctx, indicatorText, sources);
}

/** No indicator name is longer: the split search tries at most this many words as the indicator. */
const MAX_INDICATOR_WORDS = 8;

/**
 * `/historial presos políticos foro penal`: the indicator may be several words and the source is
 * whatever follows, so the split is searched, never taken at the first space (which read
 * `presos políticos` as the indicator `presos` of a source matching `políticos`). Splits are tried
 * from the whole text as the indicator (no source) down to its first word; the first whose
 * indicator part is one clear match and whose rest, if any, names one source wins. A split whose
 * indicator matches only by a close spelling counts only when no split matches as typed, so a
 * fuzzy match of the whole text cannot swallow a short source name. If no split is clear, the
 * reply is the one for an unclear indicator: the first ambiguous split's choice, else the whole
 * text's "no such indicator" with the list.
 */
async function splitTarget(ctx: CommandContext, phrase: string, sources: readonly Source[]): Promise<Target> {
  const indicators = await listIndicators(ctx.db, ctx.cache);
  const words = phrase.trim().split(/\s+/u);
  const splits: { part: string; source: Source | undefined; result: LookupResult }[] = [];
  for (let n = words.length; n >= 1; n--) {
    if (n < words.length && n > MAX_INDICATOR_WORDS) continue;
    const part = words.slice(0, n).join(' ');
    const rest = words.slice(n).join(' ');
    const source = rest === '' ? undefined : matchSource(sources, rest);
    if (rest !== '' && source === undefined) continue;
    splits.push({ part, source, result: lookupIndicator(indicators, part) });
  }
  const clear = (asTyped: boolean) =>
    splits.find((s) => s.result.kind === 'match' && matchesAsTyped(s.result.indicator, s.part) === asTyped);
  const chosen = clear(true) ?? clear(false);
  if (chosen?.result.kind === 'match') return { indicator: chosen.result.indicator, source: chosen.source };
  const unclear = splits.find((s) => s.result.kind === 'ambiguous') ?? { part: phrase, source: undefined };
  const suffix = unclear.source === undefined ? '' : ` ${unclear.source.slug}`;
  const found = await resolveIndicator(ctx, unclear.part, (slug) => `/history ${slug}${suffix}`);
  return 'reply' in found ? found : { indicator: found.indicator, source: unclear.source };
}

/** Every word of `text` starts a word of one of the indicator's names: a match as typed, not a close spelling. */
function matchesAsTyped(indicator: Indicator, text: string): boolean {
  const typed = normalizeText(text).split(' ');
  return [indicator.slug, indicator.name.es, indicator.name.en, ...indicator.aliases.es, ...indicator.aliases.en].some((name) => {
    const nameWords = normalizeText(name).split(' ');
    return typed.every((word) => nameWords.some((n) => n.startsWith(word)));
  });
}

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
