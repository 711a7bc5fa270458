// Free text to one indicator for commands that take one: a clear match is returned; several
// become a choice reply (buttons); none a choice of the indicators some of its words name, or, when
// no word names any, a reply saying so and listing every indicator.
import { DomainError } from '../domain/errors.js';
import { listIndicators } from '../domain/indicators.js';
import { lookupIndicator, relatedIndicators } from '../domain/lookup.js';
import type { Indicator } from '../domain/types.js';
import type { CommandContext } from './command.js';
import { commandLabel } from './help-text.js';
import { sortByName } from './sort-by-name.js';
import { reply, strong, type ListBlock, type Reply } from './reply.js';

export type IndicatorResolution = { readonly indicator: Indicator } | { readonly reply: Reply };

/**
 * Looks `text` up. `commandFor(slug)` is the full command line each choice button runs
 * (e.g. `/count political-prisoners`).
 */
export async function resolveIndicator(
  ctx: CommandContext,
  text: string,
  commandFor: (slug: string) => string,
): Promise<IndicatorResolution> {
  const indicators = await listIndicators(ctx.db, ctx.cache);
  const result = lookupIndicator(indicators, text);
  if (result.kind === 'match') return { indicator: result.indicator };
  if (result.kind === 'ambiguous') return { reply: choice(ctx, ctx.t.lookup.ambiguous(text), result.candidates, commandFor) };
  // Nothing matches the whole text: offer what some of its words name, else list everything.
  const related = relatedIndicators(indicators, text);
  if (related.length > 0 && related.length < indicators.length) {
    return { reply: choice(ctx, ctx.t.lookup.related(text), related, commandFor) };
  }
  return { reply: reply(ctx.locale, indicatorList(indicators, ctx, ctx.t.lookup.none(text))) };
}

/**
 * A choice between indicators: one button each, running `commandFor(slug)` under the command's name
 * in the reply's language (`/cifras political-prisoners` in Spanish), since a reader may see and
 * type it (the console prints it); both names run the command.
 */
function choice(ctx: CommandContext, prompt: string, candidates: readonly Indicator[], commandFor: (slug: string) => string): Reply {
  const localized = (line: string) => line.replace(/^\/(\S+)/u, (_, name: string) => commandLabel(ctx.registry, name, ctx.locale));
  return reply(ctx.locale, {
    kind: 'choice',
    prompt,
    options: sortByName(candidates, (c) => c.name[ctx.locale], ctx.locale).map((c) => ({ label: c.name[ctx.locale], command: localized(commandFor(c.slug)) })),
  });
}

/** Every indicator, one a line: name and slug, under `title`. */
export function indicatorList(indicators: readonly Indicator[], ctx: CommandContext, title: string): ListBlock {
  return {
    kind: 'list',
    title: [{ text: title }],
    items: sortByName(indicators, (i) => i.name[ctx.locale], ctx.locale).map((i) => [strong(i.name[ctx.locale]), { text: ` (${i.slug})` }]),
  };
}

/**
 * An indicator for a write: looked up as for /count (slug, names, aliases, words), but only a
 * match as typed is taken — a close spelling is refused with "did you mean", several matches
 * name them: a figure must not land on a guess. Throws DomainError.
 */
export function findIndicatorForWrite(indicators: readonly Indicator[], input: string): Indicator {
  const found = lookupIndicator(indicators, input);
  if (found.kind === 'match' && !found.close) return found.indicator;
  if (found.kind === 'ambiguous' && !found.close) {
    throw new DomainError('ambiguous_indicator', { input, suggestions: found.candidates.map((i) => i.slug) });
  }
  const meant = found.kind === 'match' ? [found.indicator] : found.kind === 'ambiguous' ? found.candidates : [];
  throw new DomainError('unknown_indicator', { input, suggestions: meant.map((i) => i.slug) });
}
