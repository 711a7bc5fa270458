// /deliveries (/entregas) [list | resume <subscription> | retry <delivery>]: for editors and owners,
// what delivery gave up on — subscriptions paused because the platform refused (bot removed,
// chat gone) and deliveries that failed too many times — and the way back: resume a subscription
// once the bot can post there again, retry a failed delivery.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { commandLabel } from '../src/core/help-text.js';
import { errorBlock, reply, strong, text, type Block, type Reply, type Span } from '../src/core/reply.js';
import { listDeadDeliveries, retryDelivery, type DeadDelivery } from '../src/domain/delivery-admin.js';
import { getSubscription, listPaused, resume, type Subscription } from '../src/domain/subscriptions.js';

const SHOWN = 20;

export const deliveries = defineCommand({
  name: 'deliveries',
  alias: 'entregas',
  description: {
    es: 'Suscripciones en pausa y entregas fallidas: reactivar o reintentar (editores)',
    en: 'Paused subscriptions and failed deliveries: resume or retry (editors)',
  },
  options: [
    {
      name: 'action',
      kind: 'choice',
      names: { es: 'accion', en: 'action' },
      description: { es: 'list (por defecto), resume o retry', en: 'list (the default), resume or retry' },
      required: false,
      choices: ['list', 'resume', 'retry'],
    },
    {
      name: 'id',
      kind: 'integer',
      names: { es: 'numero', en: 'id' },
      description: { es: 'El número de la suscripción (resume) o de la entrega (retry)', en: "The subscription's (resume) or the delivery's (retry) number" },
      required: false,
    },
  ],
  access: 'editor',
  handler: async (ctx, { action, id }) => {
    if (action === undefined || action === 'list') return list(ctx);
    const command = commandLabel(ctx.registry, 'deliveries', ctx.locale);
    if (id === undefined) return reply(ctx.locale, errorBlock(ctx.t.deliveries.idMissing(`${command} ${action}`)));
    return action === 'resume' ? resumeOne(ctx, id) : retryOne(ctx, id);
  },
});

async function list(ctx: CommandContext): Promise<Reply> {
  const { t } = ctx;
  const paused = await listPaused(ctx.db);
  const dead = await listDeadDeliveries(ctx.db, SHOWN);
  const blocks: Block[] = [
    paused.length === 0
      ? text(t.deliveries.noPaused)
      : { kind: 'list', title: [strong(t.deliveries.pausedTitle)], items: paused.slice(0, SHOWN).map((s) => pausedLine(ctx, s)) },
  ];
  if (paused.length > SHOWN) blocks.push(text(t.deliveries.more(paused.length - SHOWN)));
  blocks.push(
    dead.total === 0
      ? text(t.deliveries.noDead)
      : { kind: 'list', title: [strong(t.deliveries.deadTitle)], items: dead.items.map((d) => deadLine(ctx, d)) },
  );
  if (dead.total > dead.items.length) blocks.push(text(t.deliveries.more(dead.total - dead.items.length)));
  if (paused.length > 0 || dead.total > 0) blocks.push(text(t.deliveries.hint(commandLabel(ctx.registry, 'deliveries', ctx.locale))));
  return reply(ctx.locale, ...blocks);
}

/** `telegram -1001234 (tema 5)`: where a subscription sends. */
function chatText(ctx: CommandContext, s: { platform: string; chatId: string; threadId: string | null }): string {
  return s.threadId === null ? `${s.platform} ${s.chatId}` : `${s.platform} ${s.chatId} (${ctx.t.subscriptions.thread} ${s.threadId})`;
}

/** `3 · telegram -1001234 · political-prisoners · since 2026-01-05 · <reason>`. */
function pausedLine(ctx: CommandContext, s: Subscription): Span[] {
  return [strong(String(s.id)), { text: ` · ${chatText(ctx, s)} · ${s.scope} · ${s.updatedAt.slice(0, 10)} · ${s.pausedReason ?? ''}` }];
}

/** `12 · new #4 · discord 123 · 8 attempts · <last error>`. */
function deadLine(ctx: CommandContext, d: DeadDelivery): Span[] {
  const { t } = ctx;
  const event = `${t.deliveries.event[d.event.kind]} #${d.event.figureId}`;
  const detail = `${event} · ${chatText(ctx, d.subscription)} · ${t.deliveries.attempts(d.attempts)} · ${d.lastError ?? ''}`;
  return [strong(String(d.id)), { text: ` · ${detail}` }];
}

async function resumeOne(ctx: CommandContext, id: number): Promise<Reply> {
  const { t } = ctx;
  const before = await getSubscription(ctx.db, id);
  if (before === undefined) return reply(ctx.locale, errorBlock(t.deliveries.noSubscription(id)));
  if (before.status === 'active') return reply(ctx.locale, text(t.deliveries.notPaused(id)));
  await resume(ctx.db, id, { actor: ctx.actor, now: ctx.now });
  return reply(ctx.locale, text(t.deliveries.resumed(id)));
}

async function retryOne(ctx: CommandContext, id: number): Promise<Reply> {
  const { t } = ctx;
  const outcome = await retryDelivery(ctx.db, id, { actor: ctx.actor, now: ctx.now });
  switch (outcome.kind) {
    case 'retried':
      return reply(ctx.locale, text(t.deliveries.retried(id)));
    case 'not_dead':
      return reply(ctx.locale, text(t.deliveries.notDead(id)));
    case 'not_found':
      return reply(ctx.locale, errorBlock(t.deliveries.noDelivery(id)));
    case 'subscription_paused':
      return reply(ctx.locale, errorBlock(t.deliveries.subscriptionPaused(id, outcome.subscriptionId)));
  }
}
