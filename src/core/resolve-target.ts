// An indicator and an optional source typed as one phrase (`/historial presos políticos foro
// penal`) or given apart (Discord options): what /history and /chart look up.
import { listIndicators } from '../domain/indicators.js';
import { lookupIndicator, normalizeText, type LookupResult } from '../domain/lookup.js';
import { listSources } from '../domain/sources.js';
import type { Indicator, Source } from '../domain/types.js';
import type { CommandContext } from './command.js';
import type { Reply } from './reply.js';
import { resolveIndicator } from './resolve-indicator.js';
import { findSource, matchSource } from './resolve-source.js';

export type Target = { readonly indicator: Indicator; readonly source: Source | undefined } | { readonly reply: Reply };

/**
 * The indicator and maybe the source asked for; a reply instead when the indicator is unclear,
 * whose choice buttons run `/<command> <indicator> [source]`.
 */
export async function resolveTarget(ctx: CommandContext, command: string, indicatorText: string, sourceText: string | undefined): Promise<Target> {
  const sources = await listSources(ctx.db);
  if (sourceText !== undefined) {
    // Given apart (a Discord option, or after a quoted indicator): each is read as given.
    const source = findSource(sources, sourceText);
    const found = await resolveIndicator(ctx, indicatorText, (slug) => `/${command} ${slug} ${source.slug}`);
    return 'reply' in found ? found : { indicator: found.indicator, source };
  }
  return splitTarget(ctx, command, indicatorText, sources);
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
async function splitTarget(ctx: CommandContext, command: string, phrase: string, sources: readonly Source[]): Promise<Target> {
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
  const found = await resolveIndicator(ctx, unclear.part, (slug) => `/${command} ${slug}${suffix}`);
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
