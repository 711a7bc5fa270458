// A correction of a figure whose notification went out in several parts (an indicator with 40
// sources of long names: the other sources' figures fill more than one message), through the
// worker as src/main.ts wires it against the fake platforms, on SQLite and PostgreSQL. Every part's
// message id is recorded; the edit reaches the part that names the figure — the first, whose title
// and figure line come before the other sources' figures — exactly once per chat, by its id, and
// the notice answers it; the later parts, about other figures, are left as they are.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Config } from '../../src/config.js';
import type { Worker } from '../../src/delivery/worker.js';
import { correctFigure, reportFigure } from '../../src/domain/figures.js';
import { subscribe } from '../../src/domain/subscriptions.js';
import { parseValue } from '../../src/domain/value.js';
import { startWorker } from '../../src/main.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/fake-discord-api.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';
import { dialects } from '../support/databases.js';
import { importBusyDay } from './support/busy-day.js';
import { silentLogger, waitForQuiet } from './support/harness.js';

const NOW = new Date('2026-12-03T15:00:00Z');
const fast = { pollMs: 30, retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 }, timeoutMs: 2000 };
const GROUP = '-100123';
const FORUM = '-100999';
const TOPIC = '7';
const CHANNEL = '333';
const INDICATOR = 'arbitrary-detentions-0';

const description = (body: Record<string, unknown>) => ((body.embeds ?? []) as { description?: string }[]).map((e) => e.description ?? '').join('\n');

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`a correction of a notification sent in parts on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let telegram: FakeTelegramApi;
    let discord: FakeDiscordApi;
    let service: Worker | undefined;

    beforeEach(async () => {
      handle = await dialect.open();
      // Before anyone subscribes: these are told to nobody.
      await importBusyDay(handle.db, new Date('2026-12-01T12:00:00Z'), { indicators: 1, sources: 40, figures: 40 });
      telegram = await startFakeTelegramApi({ limits: { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } });
      discord = await startFakeDiscordApi({ perSecond: 50 });
      const write = { actor: 'api', now: NOW };
      await subscribe(handle.db, { platform: 'telegram', chatId: GROUP, scope: INDICATOR, locale: 'es' }, write);
      await subscribe(handle.db, { platform: 'telegram', chatId: FORUM, threadId: TOPIC, scope: '*', locale: 'es' }, write);
      await subscribe(handle.db, { platform: 'discord', chatId: CHANNEL, scope: '*', locale: 'en' }, write);
      const config: Pick<Config, 'telegram' | 'discord' | 'owners' | 'timezone'> = {
        telegram: { token: '1:tok', webhookSecret: null, apiRoot: telegram.url },
        discord: { applicationId: '1', publicKey: '0'.repeat(64), botToken: 'bot', apiBase: discord.url },
        owners: [],
        timezone: 'America/Caracas',
      };
      service = startWorker({ handle, config, logger: silentLogger, now: () => NOW }, fast);
    }, 60_000);
    afterEach(async () => {
      await service?.stop();
      service = undefined;
      await Promise.all([telegram.close(), discord.close(), handle.close()]);
    });

    it('edits only the part that names the figure, once per chat, by its recorded id, and answers it', { timeout: 60_000 }, async () => {
      const figure = await reportFigure(handle.db, { indicator: INDICATOR, source: 'observatorio-0', value: parseValue('1200'), asOf: '2026-12-02', url: 'https://observatorio-0.example.org/informes/2026/12/nuevo' }, { actor: 'api', now: NOW });
      await waitForQuiet(handle, 30_000);
      const sentTo = (chatId: string) => telegram.messages.filter((m) => m.chatId === chatId);
      for (const chat of [GROUP, FORUM]) {
        expect(sentTo(chat).length).toBeGreaterThan(1);
        expect(sentTo(chat)[0]?.text).toContain(`<b>1.200</b>`);
        expect(sentTo(chat).slice(1).some((m) => m.text.includes(`#${figure.id}`))).toBe(false);
      }
      expect(sentTo(FORUM).every((m) => m.threadId === TOPIC)).toBe(true);
      expect(discord.messages.length).toBeGreaterThan(1);
      expect(description(discord.messages[0]!.body)).toContain('**1,200**');
      const firstParts = new Map([GROUP, FORUM].map((chat) => [chat, sentTo(chat)[0]!.messageId]));
      const laterTexts = telegram.messages.filter((m) => !Array.from(firstParts.values()).includes(m.messageId)).map((m) => m.text);
      const laterDiscord = discord.messages.slice(1).map((m) => description(m.body));
      // Every part's id is kept: the first with the delivery, the others beside it.
      const rows = await handle.db
        .selectFrom('deliveries as d')
        .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
        .select(['s.chat_id', 'd.parts_sent', 'd.sent_message_id'])
        .where('d.kind', '=', 'send')
        .orderBy('s.chat_id')
        .execute();
      const parts = await handle.db.selectFrom('delivery_parts').select(['delivery_id', 'message_id']).orderBy('delivery_id').orderBy('part').execute();
      expect(rows.map((r) => [r.chat_id, r.parts_sent, r.sent_message_id])).toEqual(
        [
          [GROUP, sentTo(GROUP).length, String(firstParts.get(GROUP))],
          [FORUM, sentTo(FORUM).length, String(firstParts.get(FORUM))],
          [CHANNEL, discord.messages.length, discord.messages[0]!.id],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      expect(parts.map((p) => p.message_id).sort()).toEqual([...sentTo(GROUP).slice(1).map((m) => String(m.messageId)), ...sentTo(FORUM).slice(1).map((m) => String(m.messageId)), ...discord.messages.slice(1).map((m) => m.id)].sort());

      const before = { telegram: telegram.messages.length, discord: discord.messages.length };
      await correctFigure(handle.db, figure.id, parseValue('1250'), 'recuento revisado', { actor: 'api', now: new Date('2026-12-04T13:00:00Z') });
      await waitForQuiet(handle, 30_000);
      expect(telegram.edits.map((e) => [e.chatId, e.messageId])).toEqual(expect.arrayContaining([
        [FORUM, firstParts.get(FORUM)],
        [GROUP, firstParts.get(GROUP)],
      ]));
      expect(telegram.edits).toHaveLength(2);
      expect(discord.edits.map((e) => [e.channelId, e.messageId])).toEqual([[CHANNEL, discord.messages[0]!.id]]);
      for (const chat of [GROUP, FORUM]) expect(sentTo(chat)[0]?.text).toContain('<s>1.200</s> <b>1.250</b>');
      expect(description(discord.messages[0]!.body)).toContain('~~1,200~~ **1,250**');
      // The later parts are as they were; each notice is one message answering the first part.
      expect(telegram.messages.filter((m) => !Array.from(firstParts.values()).includes(m.messageId)).slice(0, laterTexts.length).map((m) => m.text)).toEqual(laterTexts);
      expect(discord.messages.slice(1, before.discord).map((m) => description(m.body))).toEqual(laterDiscord);
      const notices = telegram.messages.slice(before.telegram);
      expect(notices.map((m) => [m.chatId, m.replyTo])).toEqual(expect.arrayContaining([
        [FORUM, firstParts.get(FORUM)],
        [GROUP, firstParts.get(GROUP)],
      ]));
      expect(notices).toHaveLength(2);
      expect(discord.messages.slice(before.discord).map((m) => m.replyTo)).toEqual([discord.messages[0]!.id]);
      const statuses = await handle.db.selectFrom('deliveries').select(['kind', 'status']).execute();
      expect(statuses.filter((r) => r.kind === 'edit').map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
      expect(statuses.every((r) => r.status === 'sent')).toBe(true);
    });
  });
}
