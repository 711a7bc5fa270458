// /subscribe (/suscribir) [indicator | all] [immediate | daily | weekly]: this chat (or forum topic
// / Discord thread) gets a message for every new figure, correction and retraction — of one
// indicator or, by default, of all — in the chat's language; or, daily or weekly (Mondays), one
// digest of them at DIGEST_HOUR (`/suscribir presos diario`, `/subscribe all weekly`). Anyone in a private chat; in a group, channel or server only its
// admins. A chat following all needs no single-indicator subscription besides (it would get each
// message twice), so subscribing to all replaces them, and a single one under all is refused.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { errorBlock, reply, text, type Reply } from '../src/core/reply.js';
import { chatRefOf, resolveSubscriptionScope, scopeKey, splitFrequency } from '../src/core/subscription-scope.js';
import type { Frequency } from '../db/schema.js';
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
      // Unquoted, the indicator takes every word; a frequency word at the end is split off.
      phrase: true,
      autocomplete: true,
      orAll: true,
    },
    {
      name: 'frequency',
      kind: 'choice',
      names: { es: 'frecuencia', en: 'frequency' },
      description: { es: 'Al instante (por defecto), diario o semanal (lunes)', en: 'Immediate (the default), daily or weekly (Mondays)' },
      required: false,
      choices: ['immediate', 'daily', 'weekly'],
    },
  ],
  access: 'private-or-chat-admin',
  handler: async (ctx, args) => {
    // No worker could ever deliver to the console: refuse rather than queue messages forever.
    if (ctx.invocation.platform === 'console') return reply(ctx.locale, errorBlock(ctx.t.subscriptions.notOnConsole));
    const { indicator, frequency } = splitFrequency(args.indicator, args.frequency);
    const scope = await resolveSubscriptionScope(ctx, indicator, 'subscribe');
    if (scope.kind === 'reply') return scope.reply;
    const existing = await listForChat(ctx.db, chatRefOf(ctx));
    const what = scope.kind === 'all' ? ctx.t.subscriptions.all : scope.indicator.name[ctx.locale];
    if (scope.kind === 'indicator' && existing.some((s) => s.scope === ALL_INDICATORS && s.status === 'active')) {
      return reply(ctx.locale, text(ctx.t.subscriptions.coveredByAll(what)));
    }
    return subscribeTo(ctx, scopeKey(scope), what, existing, frequency);
  },
});

async function subscribeTo(ctx: CommandContext, scope: string, what: string, existing: readonly Subscription[], frequency: Frequency | undefined): Promise<Reply> {
  const chat = chatRefOf(ctx);
  const write = { actor: ctx.actor, now: ctx.now };
  const replaced = scope === ALL_INDICATORS ? existing.filter((s) => s.scope !== ALL_INDICATORS) : [];
  const outcome = await inTransaction(ctx.db, async (trx) => {
    const result = await subscribeChat(trx, { ...chat, scope, locale: ctx.locale, ...(frequency ? { frequency } : {}) }, write);
    for (const single of replaced) await unsubscribe(trx, { ...chat, scope: single.scope }, write);
    return result;
  });
  const language = ctx.t.languageName[ctx.locale];
  const { frequency: now } = outcome.subscription;
  const subscribed = now === 'immediate' ? ctx.t.subscriptions.subscribed(what, language) : ctx.t.subscriptions.subscribedDigest(what, language, ctx.t.subscriptions.digestOf[now]);
  const message =
    outcome.outcome === 'resumed'
      ? ctx.t.subscriptions.resumed(what, language)
      : outcome.outcome === 'unchanged'
        ? ctx.t.subscriptions.already(what)
        : // Created, or its language or frequency brought up to date.
          subscribed;
  return replaced.length === 0
    ? reply(ctx.locale, text(message))
    : reply(ctx.locale, text(message), text(ctx.t.subscriptions.replaced(replaced.length)));
}
