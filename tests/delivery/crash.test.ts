// Crash: a worker process is killed with SIGKILL in the middle of a fan-out and started again.
// Every subscription ends with exactly one message per event on Discord (a resend carries the same
// nonce, which Discord dedupes). Telegram has no such key, so the design promises this much: only
// a send in flight when the process died can be repeated, so at most MAX_IN_FLIGHT (chat, event)
// pairs get a second copy, and none gets a third. Everything else was either recorded as sent
// (never resent) or not yet sent (sent once, after the dead worker's lease ran out). The same holds
// for a correction's edits and notices killed half way.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { startFakeDiscordApi } from '../fakes/fake-discord-api.js';
import { startFakeTelegramApi } from '../fakes/fake-telegram-api.js';
import { dialects, openPostgresTestDatabase, openSqliteTestDatabase, POSTGRES_URL, uniqueSchema } from '../support/databases.js';
import { subscribeMany, waitForQuiet } from './support/harness.js';
import { correctFigure } from '../../src/domain/figures.js';
import { createWorld, ctx, publish } from './support/world.js';

const CHATS = 150;
const EVENTS = 2;
const MAX_IN_FLIGHT = 4;

function startChild(env: Record<string, string>): ChildProcess {
  // Its own process group: `npx tsx` runs node as a grandchild, and SIGKILL must reach it too.
  return spawn('npx', ['tsx', 'tests/delivery/crash-worker.ts'], { env: { ...process.env, ...env, MAX_IN_FLIGHT: String(MAX_IN_FLIGHT) }, detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

const setups: Record<string, () => Promise<{ handle: DatabaseHandle; env: Record<string, string>; cleanup: () => void }>> = {
  sqlite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cifras-crash-'));
    const url = `sqlite:${join(dir, 'crash.db')}`;
    return { handle: await openSqliteTestDatabase(url), env: { DATABASE_URL: url }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  },
  postgres: async () => {
    const schema = uniqueSchema('crash');
    return { handle: await openPostgresTestDatabase(schema), env: { DATABASE_URL: POSTGRES_URL, PG_SCHEMA: schema }, cleanup: () => {} };
  },
};

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`crash on ${dialect.name}`, () => {
    it('SIGKILL mid fan-out, restart: one message per subscription and event (Telegram: at most the in-flight sends twice)', { timeout: 120_000 }, async () => {
      const { handle, env, cleanup } = await setups[dialect.name]!();
      const telegram = await startFakeTelegramApi({ limits: { perSecond: 200, perChatPerSecond: 1 } });
      const discord = await startFakeDiscordApi({ perSecond: 200 });
      const children: ChildProcess[] = [];
      try {
        await createWorld(handle.db);
        const ids = Array.from({ length: CHATS }, (_, i) => String(5000 + i));
        await subscribeMany(handle, 'telegram', ids);
        await subscribeMany(handle, 'discord', ids);
        for (let i = 0; i < EVENTS; i++) await publish(handle.db);
        const total = CHATS * EVENTS;
        const childEnv = { ...env, TELEGRAM_URL: telegram.url, DISCORD_URL: discord.url, LEASE_MS: '4000', RATE: '200' };

        children.push(startChild(childEnv));
        await until(() => telegram.messages.length + discord.messages.length >= total / 2, 60_000);
        process.kill(-children[0]!.pid!, 'SIGKILL');
        await exited(children[0]!);
        const atKill = telegram.messages.length + discord.messages.length;
        expect(atKill).toBeLessThan(2 * total);

        children.push(startChild(childEnv));
        await waitForQuiet(handle, 60_000);
        process.kill(-children[1]!.pid!, 'SIGTERM');
        await exited(children[1]!);

        const statuses = await handle.db.selectFrom('deliveries').select('status').execute();
        expect(statuses.filter((s) => s.status !== 'sent')).toEqual([]);
        const discordCounts = countBy(discord.messages.map((m) => `${m.channelId} ${m.content.split(' ')[0]}`));
        expect(discordCounts.size).toBe(total);
        expect([...discordCounts].filter(([, n]) => n !== 1)).toEqual([]);
        const telegramCounts = countBy(telegram.messages.map((m) => `${m.chatId} ${m.text.split(' ')[0]}`));
        expect(telegramCounts.size).toBe(total);
        const repeated = [...telegramCounts.values()].filter((n) => n > 1);
        expect(repeated.filter((n) => n !== 2)).toEqual([]);
        expect(repeated.length).toBeLessThanOrEqual(MAX_IN_FLIGHT);
        // The shared budget holds through the crash. A per-chat 429 can happen: a fresh process's first
        // sends arrive hundreds of ms late (cold connections); it is waited out and resent, never lost.
        expect(telegram.rateLimited.overall).toBe(0);
        expect(discord.rateLimited.global).toBe(0);
      } finally {
        for (const child of children) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
        await Promise.all([telegram.close(), discord.close()]);
        await handle.close();
        cleanup();
      }
    });

    it('SIGKILL between the edits of a correction, restart: every message edited and every notice sent, each once', { timeout: 120_000 }, async () => {
      const { handle, env, cleanup } = await setups[dialect.name]!();
      const telegram = await startFakeTelegramApi({ limits: { perSecond: 200, perChatPerSecond: 1 } });
      const discord = await startFakeDiscordApi({ perSecond: 200 });
      const children: ChildProcess[] = [];
      try {
        await createWorld(handle.db);
        const ids = Array.from({ length: CHATS }, (_, i) => String(6000 + i));
        await subscribeMany(handle, 'telegram', ids);
        await subscribeMany(handle, 'discord', ids);
        const figure = await publish(handle.db);
        const childEnv = { ...env, TELEGRAM_URL: telegram.url, DISCORD_URL: discord.url, LEASE_MS: '4000', RATE: '200' };
        children.push(startChild(childEnv));
        await waitForQuiet(handle, 60_000);
        const originals = [...telegram.messages.map((m) => `${m.chatId}:${m.messageId}`), ...discord.messages.map((m) => `${m.channelId}:${m.id}`)];
        expect(originals).toHaveLength(2 * CHATS);

        await correctFigure(handle.db, figure.id, { kind: 'exact', value: 5 }, 'recount', ctx());
        await until(() => telegram.edits.length + discord.edits.length >= CHATS / 2, 60_000);
        process.kill(-children[0]!.pid!, 'SIGKILL');
        await exited(children[0]!);
        expect(telegram.edits.length + discord.edits.length).toBeLessThan(2 * CHATS);

        children.push(startChild(childEnv));
        await waitForQuiet(handle, 60_000);
        process.kill(-children[1]!.pid!, 'SIGTERM');
        await exited(children[1]!);

        const rows = await handle.db.selectFrom('deliveries').select(['kind', 'status']).execute();
        expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
        expect(rows.filter((r) => r.kind === 'edit')).toHaveLength(2 * CHATS);
        // Every original rewritten once. A Telegram edit resent after the crash changes nothing
        // ("message is not modified", counted as done); a Discord PATCH resent rewrites the same text.
        const telegramEdits = countBy(telegram.edits.map((e) => `${e.chatId}:${e.messageId}`));
        const discordEdits = countBy(discord.edits.map((e) => `${e.channelId}:${e.messageId}`));
        expect([...telegramEdits.keys(), ...discordEdits.keys()].sort()).toEqual([...originals].sort());
        expect([...telegramEdits.values()].filter((n) => n !== 1)).toEqual([]);
        expect([...discordEdits.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(MAX_IN_FLIGHT);
        const notModified = telegram.calls.filter((c) => c.method === 'editMessageText' && c.status === 400);
        expect(notModified.length).toBeLessThanOrEqual(MAX_IN_FLIGHT);
        // One notice per chat, each a reply to the original: Discord's nonce dedupes a resend;
        // on Telegram at most the sends in flight at the kill are repeated.
        const discordNotices = discord.messages.filter((m) => m.replyTo !== null);
        expect(discordNotices).toHaveLength(CHATS);
        const telegramNotices = countBy(telegram.messages.filter((m) => m.replyTo !== null).map((m) => m.chatId));
        expect(telegramNotices.size).toBe(CHATS);
        expect([...telegramNotices.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(MAX_IN_FLIGHT);
        expect(telegram.rateLimited.overall).toBe(0);
        expect(discord.rateLimited.global).toBe(0);
      } finally {
        for (const child of children) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
        await Promise.all([telegram.close(), discord.close()]);
        await handle.close();
        cleanup();
      }
    });
  });
}
