// /deliveries (/entregas) [list | resume <subscription> | retry <delivery>]: for editors and owners,
// what delivery gave up on — subscriptions paused because the platform refused (bot removed,
// chat gone) and deliveries that failed too many times — and the way back: resume a subscription
// once the bot can post there again, retry a failed delivery.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { commandLabel } from '../src/core/help-text.js';
import { errorBlock, reply, strong, text, type Block, type Reply, type Span } from '../src/core/reply.js';
import { listDeadDeliveries, retryDelivery, type DeadDelivery } from '../src/delivery/admin.js';
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
      names: { es: 'acción', en: 'action' },
      description: { es: 'list (por defecto), resume o retry', en: 'list (the default), resume or retry' },
      required: false,
      choices: ['list', 'resume', 'retry'],
    },
    {
      name: 'id',
      kind: 'integer',
      names: { es: 'número', en: 'id' },
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
  // One more than shown: enough to know whether to say there are more.
  const dead = await listDeadDeliveries(ctx.db, SHOWN + 1);
  const blocks: Block[] = [
    paused.length === 0
      ? text(t.deliveries.noPaused)
      : { kind: 'list', title: [strong(t.deliveries.pausedTitle)], items: paused.slice(0, SHOWN).map((s) => pausedLine(ctx, s)) },
  ];
  if (paused.length > SHOWN) blocks.push(text(t.deliveries.more));
  blocks.push(
    dead.length === 0
      ? text(t.deliveries.noDead)
      : { kind: 'list', title: [strong(t.deliveries.deadTitle)], items: dead.slice(0, SHOWN).map((d) => deadLine(ctx, d)) },
  );
  if (dead.length > SHOWN) blocks.push(text(t.deliveries.more));
  if (paused.length > 0 || dead.length > 0) blocks.push(text(t.deliveries.hint(commandLabel(ctx.registry, 'deliveries', ctx.locale))));
  return reply(ctx.locale, ...blocks);
}

/** `telegram -1001234 (tema 5)`: where a subscription sends. */
function chatText(ctx: CommandContext, s: { platform: string; chatId: string; threadId?: string | null }): string {
  return s.threadId == null ? `${s.platform} ${s.chatId}` : `${s.platform} ${s.chatId} (${ctx.t.subscriptions.thread} ${s.threadId})`;
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
  // A retried delivery of a paused subscription waits in the queue until the subscription is resumed.
  const retried = await retryDelivery(ctx.db, id, { actor: ctx.actor, now: ctx.now });
  return reply(ctx.locale, retried ? text(t.deliveries.retried(id)) : errorBlock(t.deliveries.notRetried(id)));
}
