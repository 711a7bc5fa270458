// Free text to one indicator for commands that take one: a clear match is returned; several
// become a choice reply (buttons); none a choice of the indicators some of its words name, or, when
// no word names any, a reply saying so and listing every indicator.
import { listIndicators } from '../domain/indicators.js';
import { lookupIndicator, relatedIndicators } from '../domain/lookup.js';
import type { Indicator } from '../domain/types.js';
import type { CommandContext } from './command.js';
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

/** A choice between indicators: one button each, running `commandFor(slug)`. */
function choice(ctx: CommandContext, prompt: string, candidates: readonly Indicator[], commandFor: (slug: string) => string): Reply {
  return reply(ctx.locale, {
    kind: 'choice',
    prompt,
    options: candidates.map((c) => ({ label: c.name[ctx.locale], command: commandFor(c.slug) })),
  });
}

/** Every indicator, one a line: name and slug, under `title`. */
export function indicatorList(indicators: readonly Indicator[], ctx: CommandContext, title: string): ListBlock {
  return {
    kind: 'list',
    title: [{ text: title }],
    items: indicators.map((i) => [strong(i.name[ctx.locale]), { text: ` (${i.slug})` }]),
  };
}
