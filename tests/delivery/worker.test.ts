// The delivery worker against the limit-enforcing fakes, on both databases: one message per
// delivery, 429 honoured without counting a failure, 5xx retried then dead, 403 pauses the
// subscription and tells the owners (their notices are deliveries too), a migrated group is
// followed, and stop() releases claims.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Worker } from '../../src/delivery/worker.js';
import { getSubscription, listForChat } from '../../src/domain/subscriptions.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/fake-discord-api.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';
import { dialects } from '../support/databases.js';
import { startWorker, statuses, subscribeMany, waitForQuiet } from './support/harness.js';
import { createWorld, publish } from './support/world.js';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`delivery worker on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let telegram: FakeTelegramApi;
    let discord: FakeDiscordApi;
    let worker: Worker | undefined;
    const urls = () => ({ telegram: telegram.url, discord: discord.url });
    const deliveryRows = () => handle.db.selectFrom('deliveries').selectAll().orderBy('id').execute();

    beforeEach(async () => {
      handle = await dialect.open();
      await createWorld(handle.db);
      telegram = await startFakeTelegramApi({ limits: { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } });
      discord = await startFakeDiscordApi({ perSecond: 50 });
    });
    afterEach(async () => {
      await worker?.stop();
      worker = undefined;
      await Promise.all([telegram.close(), discord.close(), handle.close()]);
    });

    it('sends one message per delivery to matching subscriptions only, honouring threads', async () => {
      await subscribeMany(handle, 'telegram', ['-100', '200']);
      await subscribeMany(handle, 'telegram', ['-300'], 'released');
      await subscribeMany(handle, 'discord', ['111', '222']);
      const first = await publish(handle.db, 'prisoners');
      const second = await publish(handle.db, 'prisoners');
      worker = startWorker(handle, urls());
      await waitForQuiet(handle);
      const got = telegram.messages.map((m) => `${m.chatId} ${m.text.split(' ')[2]}`).sort();
      expect(got).toEqual([`-100 #${first.id}`, `-100 #${second.id}`, `200 #${first.id}`, `200 #${second.id}`]);
      expect(discord.messages.map((m) => m.channelId).sort()).toEqual(['111', '111', '222', '222']);
      expect(telegram.rateLimited).toEqual({ overall: 0, chat: 0, group: 0 });
      expect(Object.values(await statuses(handle)).every((s) => s === 'sent')).toBe(true);
    });

    it('waits out a 429 and resends, without counting a failure', async () => {
      await subscribeMany(handle, 'telegram', ['-100']);
      await subscribeMany(handle, 'discord', ['111']);
      telegram.setFault({ type: 'too_many', retryAfter: 1 }, { chatId: '-100', times: 1 });
      discord.setFault({ type: 'too_many', retryAfter: 0.2 }, { chatId: '111', times: 1 });
      await publish(handle.db);
      const started = Date.now();
      worker = startWorker(handle, urls());
      await waitForQuiet(handle);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect([telegram.messages.length, discord.messages.length]).toEqual([1, 1]);
      expect((await deliveryRows()).map((d) => [d.status, d.attempts])).toEqual([['sent', 0], ['sent', 0]]);
    });

    it('retries a 5xx with backoff, and gives up as dead after the maximum attempts', async () => {
      await subscribeMany(handle, 'telegram', ['200']);
      await subscribeMany(handle, 'discord', ['111']);
      telegram.setFault({ type: 'server_error', status: 502 }, { chatId: '200', times: 2 });
      discord.setFault({ type: 'server_error' }, { chatId: '111' });
      await publish(handle.db);
      worker = startWorker(handle, urls());
      await waitForQuiet(handle);
      const [toTelegram, toDiscord] = await deliveryRows();
      expect([toTelegram?.status, toTelegram?.attempts, telegram.messages.length]).toEqual(['sent', 2, 1]);
      expect([toDiscord?.status, toDiscord?.attempts, toDiscord?.last_error]).toEqual(['dead', 3, '500: Internal Server Error']);
      expect(discord.calls.filter((c) => c.route === 'POST /channels/:id/messages')).toHaveLength(3);
    });

    it('pauses a subscription the bot was kicked from, tells the owners once through the outbox, and cancels the rest', async () => {
      await subscribeMany(handle, 'telegram', ['-100', '-200']);
      telegram.setFault({ type: 'kicked' }, { chatId: '-100' });
      for (let i = 0; i < 3; i++) await publish(handle.db);
      worker = startWorker(handle, urls(), { owners: [{ platform: 'telegram', userId: '9' }, { platform: 'discord', userId: '77' }] });
      await waitForQuiet(handle);
      const [kicked] = await listForChat(handle.db, { platform: 'telegram', chatId: '-100' });
      expect([kicked?.status, kicked?.pausedReason]).toEqual(['paused', 'Forbidden: bot was kicked from the group chat']);
      const rows = (await deliveryRows()).filter((d) => d.subscription_id === kicked?.id);
      expect(rows.filter((d) => d.kind === 'send').map((d) => d.status).sort()).toEqual(['cancelled', 'cancelled', 'dead']);
      const refused = rows.find((d) => d.status === 'dead')!;
      // One notice per owner, each a delivery about the refused one, sent to the owner's own chat.
      expect(rows.filter((d) => d.kind === 'owner_notice').map((d) => [d.to_platform, d.to_user_id, d.edit_of, d.status])).toEqual([
        ['telegram', '9', refused.id, 'sent'],
        ['discord', '77', refused.id, 'sent'],
      ]);
      expect(telegram.messages.map((m) => m.chatId).sort()).toEqual(['-200', '-200', '-200', '9']);
      expect(discord.messages.map((m) => m.channelId)).toEqual(['77']);
    });

    it('follows a group upgraded to a supergroup and resends there', async () => {
      await subscribeMany(handle, 'telegram', ['-5']);
      telegram.setFault({ type: 'migrate', toChatId: -1005 }, { chatId: '-5' });
      await publish(handle.db);
      worker = startWorker(handle, urls());
      await waitForQuiet(handle);
      expect(telegram.messages.map((m) => m.chatId)).toEqual(['-1005']);
      const [delivery] = await deliveryRows();
      expect((await getSubscription(handle.db, delivery!.subscription_id))?.chatId).toBe('-1005');
      expect([delivery?.status, delivery?.attempts]).toEqual(['sent', 0]);
    });

    it('stop() lets sends in progress finish and puts unsent claims back', async () => {
      await subscribeMany(handle, 'discord', Array.from({ length: 20 }, (_, i) => String(1000 + i)));
      await publish(handle.db);
      worker = startWorker(handle, urls(), { limits: { discord: { perSecond: 10 } } });
      await new Promise((resolve) => setTimeout(resolve, 350));
      await worker.stop();
      worker = undefined;
      const rows = await deliveryRows();
      const sent = rows.filter((d) => d.status === 'sent').length;
      expect(sent).toBe(discord.messages.length);
      expect(sent).toBeGreaterThan(0);
      expect(rows.filter((d) => d.status === 'pending' && d.claimed_by === null)).toHaveLength(20 - sent);
    });
  });
}
