// What /subscribe and /unsubscribe act on: the chat (and its forum topic or Discord thread) they
// were sent in, and an indicator or all of them — `all`, or in Spanish `todo`, `todos`, `todas`.
// The indicator is looked up like /count's, so a near name works and an ambiguous one offers a
// choice that runs the same command.
import type { Frequency } from '../../db/schema.js';
import { ALL_INDICATORS, type ChatRef } from '../domain/subscriptions.js';
import { normalizeText } from '../domain/lookup.js';
import type { Indicator } from '../domain/types.js';
import type { CommandContext } from './command.js';
import type { Reply } from './reply.js';
import { resolveIndicator } from './resolve-indicator.js';

const ALL_WORDS = new Set(['all', 'todo', 'todos', 'todas', '*']);

export type SubscriptionScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'indicator'; readonly indicator: Indicator }
  | { readonly kind: 'reply'; readonly reply: Reply };

/** The words for a frequency, in either language, as typed after the indicator. */
const FREQUENCY_WORDS: Readonly<Record<string, Frequency>> = {
  immediate: 'immediate',
  immediately: 'immediate',
  inmediato: 'immediate',
  inmediata: 'immediate',
  daily: 'daily',
  diario: 'daily',
  diaria: 'daily',
  weekly: 'weekly',
  semanal: 'weekly',
};

/**
 * `/subscribe presos diario`: a frequency word at the end of the indicator text is the frequency
 * (on Discord it comes as its own option). Answers the indicator text without it.
 */
export function splitFrequency(indicator: string | undefined, frequency: Frequency | undefined): { indicator: string | undefined; frequency: Frequency | undefined } {
  if (frequency !== undefined || indicator === undefined) return { indicator, frequency };
  const words = indicator.trim().split(/\s+/);
  const found = FREQUENCY_WORDS[normalizeText(words.at(-1) ?? '')];
  if (found === undefined) return { indicator, frequency };
  const rest = words.slice(0, -1).join(' ');
  return { indicator: rest === '' ? undefined : rest, frequency: found };
}

/** No argument or an "all" word means every indicator; anything else is looked up. */
export async function resolveSubscriptionScope(
  ctx: CommandContext,
  input: string | undefined,
  command: string,
): Promise<SubscriptionScope> {
  if (input === undefined || ALL_WORDS.has(input.trim()) || ALL_WORDS.has(normalizeText(input))) return { kind: 'all' };
  const found = await resolveIndicator(ctx, input, (slug) => `/${command} ${slug}`);
  return 'reply' in found ? { kind: 'reply', reply: found.reply } : { kind: 'indicator', indicator: found.indicator };
}

/** The chat the command was sent in; a topic or thread is a chat of its own for subscriptions. */
export function chatRefOf(ctx: CommandContext): ChatRef {
  const { platform, chat } = ctx.invocation;
  return { platform, chatId: chat.id, threadId: chat.threadId ?? null };
}

/** The scope's stored form: an indicator slug or '*'. */
export function scopeKey(scope: { readonly kind: 'all' } | { readonly kind: 'indicator'; readonly indicator: Indicator }): string {
  return scope.kind === 'all' ? ALL_INDICATORS : scope.indicator.slug;
}

/** How a reply names a scope: the indicator's name, or "all indicators". */
export function scopeName(ctx: CommandContext, scope: string, indicators: readonly Indicator[]): string {
  if (scope === ALL_INDICATORS) return ctx.t.subscriptions.all;
  return indicators.find((i) => i.slug === scope)?.name[ctx.locale] ?? scope;
}
