// A digest too long for one message (DESIGN.md "Delivery": split only where a platform limit
// forces it), through the worker as src/main.ts wires it — the production senders and renderers —
// against the fake platforms, which refuse what the real ones would (Telegram: 4,096 characters;
// Discord: 10 embeds, 4,096 per description, 6,000 per message), on SQLite and PostgreSQL. A busy
// day: 30 indicators with names of about 120 characters and 300 figures. Every part goes out, in
// order, each once; no 429; each part's message id is recorded; a part whose answer was lost
// (timed out after Discord made it) is sent again under its own nonce and not repeated.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Config } from '../../src/config.js';
import type { Service } from '../../src/core/service.js';
import { subscribe } from '../../src/domain/subscriptions.js';
import { startWorker } from '../../src/main.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/fake-discord-api.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';
import { dialects } from '../support/databases.js';
import { importBusyDay } from './support/busy-day.js';
import { waitForQuiet } from './support/harness.js';

/** Thursday 3 December 2026 in Caracas; the daily digest goes out on Friday 4 at 08:00 (12:00 UTC). */
const DAY = new Date('2026-12-03T15:00:00Z');
const DIGEST_TIME = new Date('2026-12-04T12:00:01Z');

type WorkerConfig = Pick<Config, 'telegram' | 'discord' | 'owners' | 'timezone' | 'digestHour'>;

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const ids = (text: string) => [...text.matchAll(/#(\d+)/g)].map((m) => Number(m[1]));
const descriptions = (body: Record<string, unknown>) => (body.embeds as { description?: string }[]).map((e) => e.description ?? '');
const embedChars = (body: Record<string, unknown>) => descriptions(body).reduce((n, d) => n + d.length, 0);

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`a digest in several parts on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let telegram: FakeTelegramApi;
    let discord: FakeDiscordApi;
    let service: Service | undefined;
    /** The figures of the day in the digest's order: by indicator slug, then as recorded. */
    let expected: number[];

    const config = (): WorkerConfig => ({
      telegram: { token: '1:tok', webhookSecret: null, apiRoot: telegram.url },
      discord: { applicationId: '1', publicKey: '0'.repeat(64), botToken: 'bot', apiBase: discord.url },
      owners: [],
      timezone: 'America/Caracas',
      digestHour: 8,
    });
    const start = (timeoutMs = 2000) => {
      // Real speed from the digest's hour: the rate budget spaces the parts out in time.
      const offset = DIGEST_TIME.getTime() - Date.now();
      const now = () => new Date(Date.now() + offset);
      service = startWorker({ handle, config: config(), logger: { info: () => {}, warn: () => {}, error: () => {} }, now }, {
        now,
        digestCheckMs: 20,
        pollMs: 30,
        retry: { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 100 },
        timeoutMs,
      });
    };

    beforeEach(async () => {
      handle = await dialect.open();
      telegram = await startFakeTelegramApi({ limits: { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } });
      discord = await startFakeDiscordApi({ perSecond: 50 });
      await importBusyDay(handle.db, DAY);
      const rows = await handle.db
        .selectFrom('events as e')
        .innerJoin('figures as f', 'f.id', 'e.figure_id')
        .innerJoin('indicators as i', 'i.id', 'f.indicator_id')
        .select('f.id')
        .orderBy('i.slug')
        .orderBy('e.id')
        .execute();
      expected = rows.map((r) => r.id);
      expect(expected).toHaveLength(300);
    }, 60_000);
    afterEach(async () => {
      await service?.stop();
      service = undefined;
      await Promise.all([telegram.close(), discord.close(), handle.close()]);
    });

    const subscribeDaily = (platform: string, chatId: string) =>
      subscribe(handle.db, { platform, chatId, scope: '*', locale: 'es', frequency: 'daily' }, { actor: 'test', now: new Date('2026-12-01T00:00:00Z') });

    async function digestRow(platform: string) {
      return handle.db
        .selectFrom('deliveries as d')
        .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
        .select(['d.id', 'd.status', 'd.parts_sent', 'd.sent_chat_id', 'd.sent_message_id'])
        .where('s.platform', '=', platform)
        .where('d.kind', '=', 'digest')
        .executeTakeFirst();
    }
    /** The digest delivery once it is sent (it is queued within a few checks of the hour). */
    async function sentDigest(platform: string) {
      for (let tries = 0; tries < 900; tries++) {
        const row = await digestRow(platform);
        if (row?.status === 'sent') return row;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the ${platform} digest was not sent: ${JSON.stringify(await digestRow(platform))}`);
    }
    const partIds = async (deliveryId: number) =>
      (await handle.db.selectFrom('delivery_parts').select(['part', 'message_id']).where('delivery_id', '=', deliveryId).orderBy('part').execute()).map((p) => [p.part, p.message_id]);

    it('Telegram: every part within 4,096 characters, in order, each figure once, no part cut short, 0 × 429, every id recorded', { timeout: 90_000 }, async () => {
      await subscribeDaily('telegram', '9001');
      start();
      await until(() => telegram.messages.length > 0, 10_000);
      const delivery = await sentDigest('telegram');
      await waitForQuiet(handle);
      const parts = telegram.messages;
      expect(parts.length).toBeGreaterThan(5);
      expect(parts.every((m) => m.chatId === '9001')).toBe(true);
      expect(parts[0]?.text.split('\n')[0]).toBe('<b>Resumen del día · 4 dic 2026</b>');
      expect(ids(parts.map((m) => m.text).join('\n'))).toEqual(expected);
      expect(parts.some((m) => m.text.includes('recortada'))).toBe(false);
      // Split only where the limit forces it: the next part's first line would not have fitted
      // (give or take the blank line between two indicators, dropped at a part's end).
      for (let i = 0; i + 1 < parts.length; i++) expect(parts[i]!.text.length + 2 + parts[i + 1]!.text.split('\n')[0]!.length).toBeGreaterThan(4096);
      expect(telegram.rateLimited).toEqual({ overall: 0, chat: 0, group: 0 });
      expect(telegram.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status).every((s) => s === 200)).toBe(true);
      expect(delivery).toMatchObject({ status: 'sent', parts_sent: parts.length, sent_chat_id: '9001', sent_message_id: String(parts[0]!.messageId) });
      expect(await partIds(delivery.id)).toEqual(parts.slice(1).map((m, i) => [i + 1, String(m.messageId)]));
    });

    it('Discord: every part within the embed limits, in order, each figure once; a part whose answer was lost is not repeated', { timeout: 90_000 }, async () => {
      await subscribeDaily('discord', '9002');
      // The third part is made but answered too late (after the sender's 1 s timeout): the retry
      // carries the same nonce, so Discord answers with the message it already made.
      discord.setFault({ type: 'slow', ms: 1500 }, { chatId: '9002', times: 1, after: 2 });
      start(1000);
      const delivery = await sentDigest('discord');
      await waitForQuiet(handle);
      const parts = discord.messages;
      expect(parts.length).toBeGreaterThan(3);
      expect(parts.every((m) => m.channelId === '9002')).toBe(true);
      expect(descriptions(parts[0]!.body)[0]?.split('\n')[0]).toBe('**Resumen del día · 4 dic 2026**');
      expect(ids(parts.flatMap((m) => descriptions(m.body)).join('\n'))).toEqual(expected);
      for (const part of parts) {
        expect((part.body.embeds as unknown[]).length).toBeLessThanOrEqual(10);
        expect(embedChars(part.body)).toBeLessThanOrEqual(6000);
        expect(descriptions(part.body).every((d) => d.length > 0 && d.length <= 4096)).toBe(true);
      }
      // Split only where the limits force it: the next part's first line would not have fitted
      // (give or take the blank line between two indicators, dropped at a part's end).
      for (let i = 0; i + 1 < parts.length; i++) expect(embedChars(parts[i]!.body) + 1 + descriptions(parts[i + 1]!.body)[0]!.split('\n')[0]!.length).toBeGreaterThan(6000);
      expect(parts.map((m) => m.nonce)).toEqual(parts.map((_, i) => (i === 0 ? `cifras-${delivery.id}` : `cifras-${delivery.id}-${i}`)));
      // The lost answer: the third part was asked for twice and made once.
      const posts = discord.calls.filter((c) => c.route === 'POST /channels/:id/messages');
      expect(posts.map((c) => c.body.nonce)).toEqual(parts.flatMap((m, i) => (i === 2 ? [m.nonce, m.nonce] : [m.nonce])));
      expect(posts.every((c) => c.status === 200)).toBe(true);
      expect(discord.rateLimited.global).toBe(0);
      expect(delivery).toMatchObject({ status: 'sent', parts_sent: parts.length, sent_chat_id: '9002', sent_message_id: parts[0]!.id });
      expect(await partIds(delivery.id)).toEqual(parts.slice(1).map((m, i) => [i + 1, m.id]));
    });
  });
}
