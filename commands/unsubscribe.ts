// /unsubscribe (/desuscribir) [indicator | all]: this chat (or forum topic / Discord thread) stops
// getting the news of one indicator, or with `all` (`todo`) every subscription it has. Same access
// as /subscribe. Queued deliveries go with the subscription, so nothing more is sent.
import { commandLabel } from '../src/core/help-text.js';
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { reply, text, type Reply } from '../src/core/reply.js';
import { chatRefOf, resolveSubscriptionScope } from '../src/core/subscription-scope.js';
import { ALL_INDICATORS, listForChat, unsubscribe as unsubscribeChat } from '../src/domain/subscriptions.js';
import { inTransaction } from '../src/domain/transaction.js';
import type { Indicator } from '../src/domain/types.js';

export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  alias: 'desuscribir',
  description: {
    es: 'Dejar de recibir en este chat las novedades de un indicador, o de todos',
    en: 'Stop getting the news of one indicator, or of all, in this chat',
  },
  options: [
    {
      name: 'indicator',
      kind: 'indicator',
      names: { es: 'indicador', en: 'indicator' },
      description: { es: 'Un indicador, o «todo» para todas las suscripciones', en: 'One indicator, or "all" for every subscription' },
      required: false,
      rest: true,
      autocomplete: true,
      orAll: true,
    },
  ],
  access: 'private-or-chat-admin',
  handler: async (ctx, { indicator }) => {
    const scope = await resolveSubscriptionScope(ctx, indicator, 'unsubscribe');
    if (scope.kind === 'reply') return scope.reply;
    return scope.kind === 'all' ? unsubscribeAll(ctx) : unsubscribeOne(ctx, scope.indicator);
  },
});

async function unsubscribeAll(ctx: CommandContext): Promise<Reply> {
  const chat = chatRefOf(ctx);
  const write = { actor: ctx.actor, now: ctx.now };
  const removed = await inTransaction(ctx.db, async (trx) => {
    const subscriptions = await listForChat(trx, chat);
    for (const s of subscriptions) await unsubscribeChat(trx, { ...chat, scope: s.scope }, write);
    return subscriptions.length;
  });
  const message = removed === 0 ? ctx.t.subscriptions.notSubscribed(ctx.t.subscriptions.all) : ctx.t.subscriptions.unsubscribedAll(removed);
  return reply(ctx.locale, text(message));
}

async function unsubscribeOne(ctx: CommandContext, indicator: Indicator): Promise<Reply> {
  const chat = chatRefOf(ctx);
  const what = indicator.name[ctx.locale];
  if (await unsubscribeChat(ctx.db, { ...chat, scope: indicator.slug }, { actor: ctx.actor, now: ctx.now })) {
    return reply(ctx.locale, text(ctx.t.subscriptions.unsubscribed(what)));
  }
  const followsAll = (await listForChat(ctx.db, chat)).some((s) => s.scope === ALL_INDICATORS);
  const notSubscribed = text(ctx.t.subscriptions.notSubscribed(what));
  if (!followsAll) return reply(ctx.locale, notSubscribed);
  const command = `${commandLabel(ctx.registry, 'unsubscribe', ctx.locale)} ${ctx.t.subscriptions.allArgument}`;
  return reply(ctx.locale, notSubscribed, text(ctx.t.subscriptions.followsAll(command)));
}
