// Delivery edges (issue 16, item 13), on both databases against the fake platforms: a chat that
// refuses the bot stops the other sends to it before they go out; a worker renews its short claim
// while it works, so a batch slower than the lease is never taken over by a second worker; and a
// worker killed mid-batch has its deliveries taken over by another within about one lease.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Worker } from '../../src/delivery/worker.js';
import { listForChat } from '../../src/domain/subscriptions.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/fake-discord-api.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';
import { discordFetchSender, telegramFetchSender } from '../fakes/fetch-senders.js';
import { dialects, openPostgresTestDatabase, openSqliteTestDatabase, POSTGRES_URL, uniqueSchema } from '../support/databases.js';
import { startWorker, subscribeMany, waitForQuiet } from './support/harness.js';
import { createWorld, publish } from './support/world.js';

const countBy = (keys: readonly string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`delivery edges on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let telegram: FakeTelegramApi;
    let discord: FakeDiscordApi;
    const workers: Worker[] = [];
    const urls = () => ({ telegram: telegram.url, discord: discord.url });
    const rowsOf = async (platform: string, chatId: string) => {
      const [subscription] = await listForChat(handle.db, { platform, chatId });
      return handle.db.selectFrom('deliveries').selectAll().where('subscription_id', '=', subscription!.id).where('kind', '=', 'send').orderBy('id').execute();
    };

    beforeEach(async () => {
      handle = await dialect.open();
      await createWorld(handle.db);
      telegram = await startFakeTelegramApi();
      discord = await startFakeDiscordApi({ perSecond: 50 });
    });
    afterEach(async () => {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await Promise.all([telegram.close(), discord.close(), handle.close()]);
    });

    it('a Discord 403 stops the other sends to that channel before they go out: one request, the rest cancelled', async () => {
      await subscribeMany(handle, 'discord', ['111', '222']);
      // The refusal takes 300 ms to come back: the other four sends' slots (40 ms apart) come first.
      discord.setFault({ type: 'missing_access', delayMs: 300 }, { chatId: '111' });
      for (let i = 0; i < 5; i++) await publish(handle.db);
      workers.push(startWorker(handle, urls(), { maxInFlight: 16 }));
      await waitForQuiet(handle);
      expect(discord.calls.filter((c) => c.route === 'POST /channels/:id/messages' && c.path.includes('/111/'))).toHaveLength(1);
      expect((await rowsOf('discord', '111')).map((d) => d.status)).toEqual(['dead', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
      expect(discord.messages.filter((m) => m.channelId === '222')).toHaveLength(5);
    });

    it('a Telegram chat that blocked the bot: its waiting sends are stopped too, and another subscription to it is paused without a send', async () => {
      await subscribeMany(handle, 'telegram', ['501', '502']);
      await subscribeMany(handle, 'telegram', ['501'], 'released');
      telegram.setFault({ type: 'blocked', delayMs: 300 }, { chatId: '501' });
      for (let i = 0; i < 3; i++) await publish(handle.db);
      await publish(handle.db, 'released');
      // No per-chat limit, so every send is in the one batch: a per-chat limit defers a chat's later
      // messages to later claims, which try afresh (each subscription then learns of it by itself).
      workers.push(startWorker(handle, urls(), { limits: { telegram: { perSecond: 100 } } }));
      await waitForQuiet(handle);
      expect(telegram.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === '501')).toHaveLength(1);
      const subscriptions = await listForChat(handle.db, { platform: 'telegram', chatId: '501' });
      expect(subscriptions.map((s) => [s.scope, s.status, s.pausedReason])).toEqual([
        ['*', 'paused', 'Forbidden: bot was blocked by the user'],
        ['released', 'paused', 'Forbidden: bot was blocked by the user'],
      ]);
      expect(telegram.messages.filter((m) => m.chatId === '502')).toHaveLength(4);
    });

    it('renews its claim while it works: a batch slower than the lease is never taken over by a second worker', async () => {
      const chats = ['701', '702', '703', '704', '705', '706'];
      await subscribeMany(handle, 'telegram', chats);
      await publish(handle.db);
      // Each answer takes longer than the whole lease: without renewal the second worker would
      // claim these sends again while the first is still waiting for them, and send them twice.
      telegram.setFault({ type: 'slow', ms: 1500 }, { call: 'sendMessage' });
      // No per-chat limit: nothing defers the second worker's claim of expired sends.
      const tuning = { leaseMs: 400, maxInFlight: 2, limits: { telegram: { perSecond: 100 } } };
      const senders = () => ({ telegram: telegramFetchSender(telegram.url, '1:t', 3000), discord: discordFetchSender(discord.url, 'd', 3000) });
      workers.push(startWorker(handle, urls(), { ...tuning, workerId: 'first', senders: senders() }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      workers.push(startWorker(handle, urls(), { ...tuning, workerId: 'second', senders: senders() }));
      await waitForQuiet(handle);
      const counts = countBy(telegram.messages.map((m) => m.chatId));
      expect([...counts.keys()].sort()).toEqual(chats);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    });
  });
}

// A worker process killed with SIGKILL in the middle of a slow batch; a second worker is already
// running. It takes the dead worker's deliveries once their (short) lease runs out.
const MAX_IN_FLIGHT = 4;
const LEASE_MS = 1500;

const processSetups: Record<string, () => Promise<{ handle: DatabaseHandle; env: Record<string, string>; cleanup: () => void }>> = {
  sqlite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cifras-lease-'));
    const url = `sqlite:${join(dir, 'lease.db')}`;
    return { handle: await openSqliteTestDatabase(url), env: { DATABASE_URL: url }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  },
  postgres: async () => {
    const schema = uniqueSchema('lease');
    return { handle: await openPostgresTestDatabase(schema), env: { DATABASE_URL: POSTGRES_URL, PG_SCHEMA: schema }, cleanup: () => {} };
  },
};

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`a worker killed mid-batch on ${dialect.name}`, () => {
    it('another worker takes its deliveries within about one lease, and only the sends in flight can repeat', { timeout: 60_000 }, async () => {
      const { handle, env, cleanup } = await processSetups[dialect.name]!();
      const telegram = await startFakeTelegramApi();
      const discord = await startFakeDiscordApi();
      let child: ChildProcess | undefined;
      let survivor: Worker | undefined;
      try {
        await createWorld(handle.db);
        const chats = Array.from({ length: 40 }, (_, i) => String(8000 + i));
        await subscribeMany(handle, 'telegram', chats);
        await publish(handle.db);
        telegram.setFault({ type: 'slow', ms: 250 }, { call: 'sendMessage' });
        // Its own process group: `npx tsx` runs node as a grandchild, and SIGKILL must reach it too.
        child = spawn('npx', ['tsx', 'tests/delivery/crash-worker.ts'], {
          env: { ...process.env, ...env, TELEGRAM_URL: telegram.url, DISCORD_URL: discord.url, LEASE_MS: String(LEASE_MS), RATE: '20', MAX_IN_FLIGHT: String(MAX_IN_FLIGHT) },
          detached: true,
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        const deadline = Date.now() + 30_000;
        while (telegram.messages.length < 6 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
        expect(telegram.messages.length).toBeGreaterThanOrEqual(6);
        survivor = startWorker(handle, { telegram: telegram.url, discord: discord.url }, { leaseMs: LEASE_MS, workerId: 'survivor', limits: { telegram: { perSecond: 200, perChatPerSecond: 1 } } });
        process.kill(-child.pid!, 'SIGKILL');
        await exited(child);
        const killedAt = Date.now();
        const claimedByDead = await handle.db.selectFrom('deliveries').select('id').where('status', '=', 'sending').where('claimed_by', '<>', 'survivor').execute();
        expect(claimedByDead.length).toBeGreaterThan(0);
        await waitForQuiet(handle, 20_000);
        const tookMs = Date.now() - killedAt;
        // One lease for the dead claims to run out, then the survivor's own sends (250 ms each,
        // 16 at a time): well under two leases, where a 60 s lease would have waited a minute.
        expect(tookMs).toBeLessThan(2 * LEASE_MS + 1500);
        const counts = countBy(telegram.messages.map((m) => m.chatId));
        expect([...counts.keys()].sort()).toEqual(chats);
        const repeated = [...counts.values()].filter((n) => n > 1);
        expect(repeated.filter((n) => n !== 2)).toEqual([]);
        expect(repeated.length).toBeLessThanOrEqual(MAX_IN_FLIGHT);
        console.log(`killed worker's deliveries done ${tookMs} ms after the kill (lease ${LEASE_MS} ms); ${repeated.length} sends in flight repeated`);
      } finally {
        if (child !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
        await survivor?.stop();
        await Promise.all([telegram.close(), discord.close()]);
        await handle.close();
        cleanup();
      }
    });
  });
}
