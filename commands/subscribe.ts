// /subscribe (/suscribir) [indicator | all]: this chat (or forum topic / Discord thread) gets a
// message for every new figure, correction and retraction — of one indicator or, by default, of
// all — in the chat's language. Anyone in a private chat; in a group, channel or server only its
// admins. A chat following all needs no single-indicator subscription besides (it would get each
// message twice), so subscribing to all replaces them, and a single one under all is refused.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { errorBlock, reply, text, type Reply } from '../src/core/reply.js';
import { chatRefOf, resolveSubscriptionScope, scopeKey } from '../src/core/subscription-scope.js';
import { ALL_INDICATORS, listForChat, subscribe as subscribeChat, unsubscribe, type Subscription } from '../src/domain/subscriptions.js';
import { inTransaction } from '../src/domain/transaction.js';

export const subscribe = defineCommand({
  name: 'subscribe',
  alias: 'suscribir',
  description: {
    es: 'Recibir en este chat cada cifra nueva, corrección y retirada',
    en: 'Get every new figure, correction and retraction in this chat',
  },
  options: [
    {
      name: 'indicator',
      kind: 'indicator',
      names: { es: 'indicador', en: 'indicator' },
      description: { es: 'Un indicador, o «todo» (por defecto)', en: 'One indicator, or "all" (the default)' },
      required: false,
      rest: true,
      autocomplete: true,
      orAll: true,
    },
  ],
  access: 'private-or-chat-admin',
  handler: async (ctx, { indicator }) => {
    // No worker could ever deliver to the console: refuse rather than queue messages forever.
    if (ctx.invocation.platform === 'console') return reply(ctx.locale, errorBlock(ctx.t.subscriptions.notOnConsole));
    const scope = await resolveSubscriptionScope(ctx, indicator, 'subscribe');
    if (scope.kind === 'reply') return scope.reply;
    const existing = await listForChat(ctx.db, chatRefOf(ctx));
    const what = scope.kind === 'all' ? ctx.t.subscriptions.all : scope.indicator.name[ctx.locale];
    if (scope.kind === 'indicator' && existing.some((s) => s.scope === ALL_INDICATORS && s.status === 'active')) {
      return reply(ctx.locale, text(ctx.t.subscriptions.coveredByAll(what)));
    }
    return subscribeTo(ctx, scopeKey(scope), what, existing);
  },
});

async function subscribeTo(ctx: CommandContext, scope: string, what: string, existing: readonly Subscription[]): Promise<Reply> {
  const chat = chatRefOf(ctx);
  const write = { actor: ctx.actor, now: ctx.now };
  const replaced = scope === ALL_INDICATORS ? existing.filter((s) => s.scope !== ALL_INDICATORS) : [];
  const outcome = await inTransaction(ctx.db, async (trx) => {
    const result = await subscribeChat(trx, { ...chat, scope, locale: ctx.locale }, write);
    for (const single of replaced) await unsubscribe(trx, { ...chat, scope: single.scope }, write);
    return result.outcome;
  });
  const before = existing.find((s) => s.scope === scope);
  const language = ctx.t.languageName[ctx.locale];
  const message =
    outcome === 'created'
      ? ctx.t.subscriptions.subscribed(what, language)
      : outcome === 'resumed'
        ? ctx.t.subscriptions.resumed(what, language)
        : // No `before`: another admin's /subscribe created it a moment ago, in this chat's language.
          (before?.locale ?? ctx.locale) === ctx.locale
          ? ctx.t.subscriptions.already(what)
          : // Active already, but in another language: the language was brought up to date.
            ctx.t.subscriptions.subscribed(what, language);
  return replaced.length === 0
    ? reply(ctx.locale, text(message))
    : reply(ctx.locale, text(message), text(ctx.t.subscriptions.replaced(replaced.length)));
}
