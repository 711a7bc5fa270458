// The soak's account, from the database and what the fake platforms received once the outbox has
// drained: accepted writes lost (answered 2xx, not in the database) or applied twice; deliveries
// lost (an event a healthy subscription never received, or a delivery recorded sent that never
// arrived) and left undrained; duplicates, with Telegram's told apart by cause — its API takes no
// idempotency key, so a send accepted whose answer came after the sender's timeout, or accepted
// just before the worker was SIGKILLed (sent, not yet recorded), may arrive twice; Discord's
// sends carry a nonce, so any duplicate there is a failure.
import type { FakeDiscordApi } from '../../tests/fakes/fake-discord-api.js';
import type { FakeTelegramApi } from '../../tests/fakes/fake-telegram-api.js';
import { openDatabase } from '../../db/connect.js';
import type { Kill } from './processes.js';
import { SOAK_URL, type WriteRecord } from './writers.js';

export interface SoakSubscriber {
  readonly platform: 'telegram' | 'discord';
  readonly chatId: string;
  /** Answers 403 from a random moment on (the bot was kicked, lost access). */
  readonly fragile: boolean;
}

export interface SoakAccount {
  readonly writes: { readonly sent: number; readonly accepted: number; readonly refused: number; readonly acceptedLost: number; readonly appliedTwice: number; readonly wrongId: number };
  readonly events: number;
  readonly deliveries: {
    /** Events × healthy subscriptions. */
    readonly expected: number;
    readonly received: number;
    readonly lost: number;
    readonly undrained: number;
    /** Where the undrained ones are: `telegram:7199 (fragile, paused) pending`. */
    readonly undrainedWhere: readonly string[];
    /** Where the lost ones are: `discord:7201 (healthy, active) event 12: cancelled`. */
    readonly lostWhere: readonly string[];
    /** Fragile subscriptions: recorded as refused by the platform (403) or cancelled by the pause that followed. */
    readonly heldBy403: number;
    /** Fragile subscriptions paused with the platform's reason. */
    readonly pausedBy403: number;
  };
  readonly duplicates: { readonly telegramTimeoutAfterAccept: number; readonly telegramWorkerKill: number; readonly telegramUnexplained: number; readonly discord: number };
}

/** A duplicate whose first copy was accepted this long before a worker SIGKILL is put down to the kill. */
const KILL_WINDOW_MS = 5000;
const MARKER = new RegExp(`${SOAK_URL.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(api|tg)/(\\d+)`);

interface Receipt {
  readonly at: number;
  readonly answerLost: boolean;
}

function markerOf(text: string): string | undefined {
  const match = MARKER.exec(text);
  return match === null ? undefined : `${SOAK_URL}${match[1]}/${match[2]}`;
}

export async function account(
  databaseUrl: string,
  records: readonly WriteRecord[],
  subscribers: readonly SoakSubscriber[],
  fakes: { readonly telegram: FakeTelegramApi; readonly discord: FakeDiscordApi },
  kills: readonly Kill[],
): Promise<SoakAccount> {
  const handle = await openDatabase(databaseUrl);
  try {
    const { db } = handle;
    const figures = await db.selectFrom('figures').select(['id', 'url']).where('url', 'like', `${SOAK_URL}%`).execute();
    const idsByUrl = new Map<string, number[]>();
    for (const f of figures) idsByUrl.set(f.url, [...(idsByUrl.get(f.url) ?? []), f.id]);
    const accepted = records.filter((r) => r.accepted);
    const writes = {
      sent: records.length,
      accepted: accepted.length,
      refused: records.length - accepted.length,
      acceptedLost: accepted.filter((r) => !idsByUrl.has(r.url)).length,
      appliedTwice: [...idsByUrl.values()].filter((ids) => ids.length > 1).length,
      wrongId: accepted.filter((r) => r.figureId !== null && idsByUrl.has(r.url) && !idsByUrl.get(r.url)!.includes(r.figureId)).length,
    };

    const events = await db
      .selectFrom('events as e')
      .innerJoin('figures as f', 'f.id', 'e.figure_id')
      .select(['e.id', 'f.url'])
      .where('f.url', 'like', `${SOAK_URL}%`)
      .where('e.kind', '=', 'published')
      .execute();
    const subscriptions = await db.selectFrom('subscriptions').select(['id', 'platform', 'chat_id', 'status', 'paused_reason']).execute();
    // The notifications themselves: an owner's notice of a pause carries the refused delivery's
    // event and subscription too, but goes to the owner, not to the chat.
    const deliveries = await db.selectFrom('deliveries').select(['event_id', 'subscription_id', 'status']).where('kind', '=', 'send').execute();
    const deliveryOf = new Map(deliveries.map((d) => [`${d.event_id}:${d.subscription_id}`, d.status]));

    // What each chat received, per figure marker, in order.
    const received = new Map<string, Receipt[]>();
    const receive = (chatId: string, text: string, receipt: Receipt) => {
      const marker = markerOf(text);
      if (marker === undefined) return;
      const key = `${chatId} ${marker}`;
      received.set(key, [...(received.get(key) ?? []), receipt]);
    };
    for (const m of fakes.telegram.messages) receive(`telegram:${m.chatId}`, m.text, { at: m.at, answerLost: m.answerLost });
    for (const m of fakes.discord.messages) receive(`discord:${m.channelId}`, JSON.stringify(m.body), { at: m.at, answerLost: false });

    const tally = { expected: 0, received: 0, lost: 0, undrained: 0, undrainedWhere: [] as string[], lostWhere: [] as string[], heldBy403: 0, pausedBy403: 0 };
    const duplicates = { telegramTimeoutAfterAccept: 0, telegramWorkerKill: 0, telegramUnexplained: 0, discord: 0 };
    for (const subscriber of subscribers) {
      const subscription = subscriptions.find((s) => s.platform === subscriber.platform && s.chat_id === subscriber.chatId);
      if (subscription === undefined) throw new Error(`soak: ${subscriber.platform} chat ${subscriber.chatId} has no subscription`);
      if (subscriber.fragile && subscription.status === 'paused') tally.pausedBy403 += 1;
      for (const event of events) {
        const status = deliveryOf.get(`${event.id}:${subscription.id}`);
        const receipts = received.get(`${subscriber.platform}:${subscriber.chatId} ${event.url}`) ?? [];
        const lose = (why: string) => {
          tally.lost += 1;
          tally.lostWhere.push(`${subscriber.platform}:${subscriber.chatId} (${subscriber.fragile ? 'fragile' : 'healthy'}, ${subscription.status}) event ${event.id}: ${why}`);
        };
        if (status === 'pending' || status === 'sending') {
          tally.undrained += 1;
          tally.undrainedWhere.push(`${subscriber.platform}:${subscriber.chatId} (${subscriber.fragile ? 'fragile' : 'healthy'}, ${subscription.status}) ${status}${receipts.length > 0 ? ', received' : ''}`);
        }
        if (subscriber.fragile) {
          // Sent must mean received; anything else must be the 403 (or the pause it caused).
          if (status === 'sent' && receipts.length === 0) lose(`sent, never received`);
          else if (status !== 'sent' && receipts.length === 0) tally.heldBy403 += 1;
        } else {
          tally.expected += 1;
          if (receipts.length === 0) lose(status ?? 'no delivery row');
        }
        if (receipts.length > 0) tally.received += 1;
        for (const copy of receipts.slice(0, -1)) {
          if (subscriber.platform === 'discord') duplicates.discord += 1;
          else if (copy.answerLost) duplicates.telegramTimeoutAfterAccept += 1;
          else if (kills.some((k) => k.role === 'worker' && k.at >= copy.at && k.at - copy.at <= KILL_WINDOW_MS)) duplicates.telegramWorkerKill += 1;
          else duplicates.telegramUnexplained += 1;
        }
      }
    }
    return { writes, events: events.length, deliveries: tally, duplicates };
  } finally {
    await handle.close();
  }
}

/** Whether anything in the account is a failure: a loss, a write applied twice, or a duplicate no missing idempotency key explains. */
export function failures(a: SoakAccount): string[] {
  const found: [number, string][] = [
    [a.writes.acceptedLost, 'accepted writes lost'],
    [a.writes.appliedTwice, 'writes applied twice'],
    [a.writes.wrongId, 'writes answered with another figure id'],
    [a.writes.refused, 'writes refused'],
    [a.deliveries.lost, 'deliveries lost'],
    [a.deliveries.undrained, 'deliveries not drained'],
    [a.duplicates.discord, 'Discord duplicates (its sends carry a nonce)'],
    [a.duplicates.telegramUnexplained, 'Telegram duplicates neither a timeout-after-accept nor a worker kill explains'],
  ];
  return found.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
}
