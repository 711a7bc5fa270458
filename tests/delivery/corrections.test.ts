// Corrections follow the message (DESIGN.md "Delivery"), through the worker as `cifras serve`
// composes it — production senders, the real notifications and renderers — against fakes that
// behave like the platforms (editMessageText, "message is not modified", "message to edit not
// found"; Discord PATCH, 10008 Unknown Message; reply_parameters, message_reference), on SQLite
// and PostgreSQL. A figure reaches a Telegram group, a forum topic and a Discord channel; its
// correction edits exactly those messages and answers each with a notice; its retraction edits
// both earlier messages and answers again. A deleted message is recorded and the notice still goes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Config } from '../../src/config.js';
import type { Worker } from '../../src/delivery/worker.js';
import { startWorker } from '../../src/main.js';
import { correctFigure, reportFigure, retractFigure } from '../../src/domain/figures.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { subscribe } from '../../src/domain/subscriptions.js';
import { parseValue } from '../../src/domain/value.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/fake-discord-api.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';
import { dialects } from '../support/databases.js';
import { silentLogger, waitForQuiet } from './support/harness.js';

const NOW = new Date('2026-01-05T12:00:00Z');
const LATER = new Date('2026-01-06T15:30:00Z');
const fast = { pollMs: 30, retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 }, timeoutMs: 2000 };
const GROUP = '-100123';
const FORUM = '-100999';
const TOPIC = '7';
const CHANNEL = '333';

const description = (body: Record<string, unknown>) => ((body.embeds ?? []) as { description?: string }[]).map((e) => e.description ?? '').join('\n');

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`corrections follow the message on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let telegram: FakeTelegramApi;
    let discord: FakeDiscordApi;
    let service: Worker | undefined;

    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2025-12-26T00:00:00Z') });
      telegram = await startFakeTelegramApi({ limits: { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } });
      discord = await startFakeDiscordApi({ perSecond: 50 });
      const write = { actor: 'api', now: NOW };
      await subscribe(handle.db, { platform: 'telegram', chatId: GROUP, scope: 'political-prisoners', locale: 'es' }, write);
      await subscribe(handle.db, { platform: 'telegram', chatId: FORUM, threadId: TOPIC, scope: '*', locale: 'es' }, write);
      await subscribe(handle.db, { platform: 'discord', chatId: CHANNEL, scope: '*', locale: 'en' }, write);
      const config: Pick<Config, 'telegram' | 'discord' | 'owners' | 'timezone'> = {
        telegram: { token: '1:tok', webhookSecret: null, apiRoot: telegram.url },
        discord: { applicationId: '1', publicKey: '0'.repeat(64), botToken: 'bot', apiBase: discord.url },
        owners: [],
        timezone: 'America/Caracas',
      };
      service = startWorker({ handle, config, logger: silentLogger, now: () => NOW }, fast);
    });
    afterEach(async () => {
      await service?.stop();
      service = undefined;
      await Promise.all([telegram.close(), discord.close(), handle.close()]);
    });

    async function reportAndDeliver() {
      const figure = await reportFigure(handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: parseValue('910'), asOf: '2026-01-04', url: 'https://example.org/910' }, { actor: 'api', now: NOW });
      await waitForQuiet(handle);
      const group = telegram.messages.find((m) => m.chatId === GROUP)!;
      const topic = telegram.messages.find((m) => m.chatId === FORUM)!;
      const channel = discord.messages.find((m) => m.channelId === CHANNEL)!;
      expect([group, topic, channel].every(Boolean)).toBe(true);
      expect(topic.threadId).toBe(TOPIC);
      return { figure, group, topic, channel };
    }

    it('records each message id; a correction edits exactly those messages and replies to each; a retraction edits both earlier ones and replies again', { timeout: 60_000 }, async () => {
      const { figure, group, topic, channel } = await reportAndDeliver();
      const refs = await handle.db.selectFrom('deliveries').select(['sent_chat_id', 'sent_message_id', 'sent_thread_id']).where('kind', '=', 'send').orderBy('sent_chat_id').execute();
      expect(refs).toEqual([
        { sent_chat_id: GROUP, sent_message_id: String(group.messageId), sent_thread_id: null },
        { sent_chat_id: FORUM, sent_message_id: String(topic.messageId), sent_thread_id: TOPIC },
        { sent_chat_id: CHANNEL, sent_message_id: channel.id, sent_thread_id: null },
      ]);

      await correctFigure(handle.db, figure.id, parseValue('926'), 'recuento <b>final</b>', { actor: 'api', now: LATER });
      await waitForQuiet(handle);
      expect(telegram.edits.map((e) => `${e.chatId}:${e.messageId}`).sort()).toEqual([`${GROUP}:${group.messageId}`, `${FORUM}:${topic.messageId}`]);
      expect(discord.edits.map((e) => `${e.channelId}:${e.messageId}`)).toEqual([`${CHANNEL}:${channel.id}`]);
      // The original now shows the old value struck through, the new one, and when and why.
      expect(group.text).toContain('<b>Nueva cifra · Presos políticos</b>');
      expect(group.text).toContain('<b>Foro Penal</b>: <s>910</s> <b>926</b> — al 4 ene 2026');
      expect(group.text).toContain('Corregida el 6 ene 2026: recuento &lt;b&gt;final&lt;/b&gt;');
      expect(description(channel.body)).toContain('~~910~~ **926**');
      expect(description(channel.body)).toContain('Corrected on 6 Jan 2026: recuento \\<b>final\\</b>');
      // One notice per chat, each answering the original (in its topic), links without previews.
      const groupNotices = telegram.messages.filter((m) => m.chatId === GROUP && m !== group);
      const topicNotices = telegram.messages.filter((m) => m.chatId === FORUM && m !== topic);
      const channelNotices = discord.messages.filter((m) => m !== channel);
      expect([groupNotices.length, topicNotices.length, channelNotices.length]).toEqual([1, 1, 1]);
      expect(groupNotices[0]).toMatchObject({ replyTo: group.messageId, params: { reply_parameters: { message_id: group.messageId, allow_sending_without_reply: true }, link_preview_options: { is_disabled: true } } });
      expect(groupNotices[0]?.text).toContain('<b>Cifra corregida · Presos políticos</b>');
      expect(topicNotices[0]).toMatchObject({ threadId: TOPIC, replyTo: topic.messageId });
      expect(channelNotices[0]).toMatchObject({ replyTo: channel.id, body: { message_reference: { message_id: channel.id, channel_id: CHANNEL, fail_if_not_exists: false } } });

      await retractFigure(handle.db, figure.id, 'fuente equivocada', { actor: 'api', now: LATER });
      await waitForQuiet(handle);
      // Both earlier messages of each chat are edited once more; one more notice each, again a reply to the original.
      expect(telegram.edits.filter((e) => e.chatId === GROUP).map((e) => e.messageId).sort((a, b) => a - b)).toEqual([group.messageId, group.messageId, groupNotices[0]!.messageId]);
      expect(discord.edits.map((e) => e.messageId).sort()).toEqual([channel.id, channel.id, channelNotices[0]!.id].sort());
      expect(group.text).toContain('<s>910</s>');
      expect(group.text).toContain('Retirada el 6 ene 2026: fuente equivocada');
      expect(groupNotices[0]?.text).toContain('<s>926</s>');
      expect(groupNotices[0]?.text).toContain('Retirada el 6 ene 2026: fuente equivocada');
      const retractionNotices = telegram.messages.filter((m) => m.text.includes('Cifra retirada'));
      expect(retractionNotices.map((m) => [m.chatId, m.replyTo])).toEqual(expect.arrayContaining([[GROUP, group.messageId], [FORUM, topic.messageId]]));
      expect(retractionNotices).toHaveLength(2);
      expect(discord.messages.filter((m) => description(m.body).includes('Figure retracted')).map((m) => m.replyTo)).toEqual([channel.id]);

      const rows = await handle.db.selectFrom('deliveries').select(['kind', 'status']).execute();
      expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
      // 3 reports + 3 correction notices + 3 retraction notices; 3 + 6 edits.
      expect(rows.filter((r) => r.kind === 'send')).toHaveLength(9);
      expect(rows.filter((r) => r.kind === 'edit')).toHaveLength(9);
      expect(telegram.rateLimited).toEqual({ overall: 0, chat: 0, group: 0 });
    });

    it('a deleted message cannot be edited: recorded, and the notice still goes out, as a plain message', { timeout: 60_000 }, async () => {
      const { figure, group, topic, channel } = await reportAndDeliver();
      telegram.deleteMessage(GROUP, group.messageId);
      discord.deleteMessage(CHANNEL, channel.id);

      await correctFigure(handle.db, figure.id, parseValue('926'), 'recount', { actor: 'api', now: LATER });
      await waitForQuiet(handle);
      const edits = await handle.db
        .selectFrom('deliveries as d')
        .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
        .select(['s.chat_id', 'd.status', 'd.last_error'])
        .where('d.kind', '=', 'edit')
        .orderBy('s.chat_id')
        .execute();
      expect(edits).toEqual([
        { chat_id: GROUP, status: 'cancelled', last_error: 'edit impossible: Bad Request: message to edit not found' },
        { chat_id: FORUM, status: 'sent', last_error: null },
        { chat_id: CHANNEL, status: 'cancelled', last_error: 'edit impossible: Unknown Message (10008)' },
      ]);
      expect(telegram.edits.map((e) => e.messageId)).toEqual([topic.messageId]);
      expect(discord.edits).toEqual([]);
      // The notices went out all the same: where the original is gone, not as a reply.
      const notices = telegram.messages.filter((m) => m.text.includes('Cifra corregida'));
      expect(notices.map((m) => [m.chatId, m.replyTo]).sort()).toEqual([[FORUM, topic.messageId], [GROUP, null]].sort());
      expect(discord.messages.filter((m) => m !== channel).map((m) => m.replyTo)).toEqual([null]);
      // Nothing paused: a message gone is not a chat gone.
      const subscriptions = await handle.db.selectFrom('subscriptions').select('status').execute();
      expect(subscriptions.map((s) => s.status)).toEqual(['active', 'active', 'active']);
    });
  });
}
