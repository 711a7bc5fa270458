// Free text to one indicator for commands that take one: a clear match is returned; several
// become a choice reply (buttons), none a reply saying so and listing every indicator.
import { listIndicators } from '../domain/indicators.js';
import { lookupIndicator } from '../domain/lookup.js';
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
  const indicators = await listIndicators(ctx.db);
  const result = lookupIndicator(indicators, text);
  if (result.kind === 'match') return { indicator: result.indicator };
  if (result.kind === 'ambiguous') {
    return {
      reply: reply(ctx.locale, {
        kind: 'choice',
        prompt: ctx.t.lookup.ambiguous(text),
        options: result.candidates.map((c) => ({ label: c.name[ctx.locale], command: commandFor(c.slug) })),
      }),
    };
  }
  return { reply: reply(ctx.locale, indicatorList(indicators, ctx, ctx.t.lookup.none(text))) };
}

/** Every indicator, one a line: name and slug, under `title`. */
export function indicatorList(indicators: readonly Indicator[], ctx: CommandContext, title: string): ListBlock {
  return {
    kind: 'list',
    title: [{ text: title }],
    items: indicators.map((i) => [strong(i.name[ctx.locale]), { text: ` (${i.slug})` }]),
  };
}
