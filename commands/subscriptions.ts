// /subscriptions (/suscripciones): what this chat (or forum topic / Discord thread) is subscribed
// to, in which language, and which subscriptions are paused and why. Anyone may look.
import { defineCommand } from '../src/core/command.js';
import { commandLabel } from '../src/core/help-text.js';
import { reply, strong, text, type Span } from '../src/core/reply.js';
import { chatRefOf, scopeName } from '../src/core/subscription-scope.js';
import { listIndicators } from '../src/domain/indicators.js';
import { listForChat } from '../src/domain/subscriptions.js';

export const subscriptions = defineCommand({
  name: 'subscriptions',
  alias: 'suscripciones',
  description: { es: 'Las suscripciones de este chat', en: "This chat's subscriptions" },
  options: [],
  access: 'anyone',
  handler: async (ctx) => {
    const found = await listForChat(ctx.db, chatRefOf(ctx));
    if (found.length === 0) {
      return reply(ctx.locale, text(ctx.t.subscriptions.empty(commandLabel(ctx.registry, 'subscribe', ctx.locale))));
    }
    const indicators = await listIndicators(ctx.db, ctx.cache);
    return reply(ctx.locale, {
      kind: 'list',
      title: [strong(ctx.t.subscriptions.title)],
      items: found.map((s): Span[] => [
        strong(scopeName(ctx, s.scope, indicators)),
        { text: ` · ${ctx.t.languageName[s.locale]} · ${ctx.t.subscriptions.frequency[s.frequency]}` },
        // The reason comes from the platform's answer: data, shown as plain text.
        ...(s.status === 'paused' ? [{ text: ` · ${ctx.t.subscriptions.paused(s.pausedReason ?? '')}` }] : []),
      ]),
    });
  },
});
