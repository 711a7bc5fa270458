// The indicator page's Telegram link as `cifras serve` wires it: the bot's username comes from its
// own getMe (asked of the Bot API as the server starts), in both Telegram modes. SQLite only: the
// wiring is what is under test, not the database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer, type ServerHandle } from '../../src/main.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';
import { SECRET, TOKEN } from '../platforms/telegram/telegram-harness.js';

describe('the Telegram link on the pages', () => {
  let dir: string;
  let api: FakeTelegramApi;
  let server: ServerHandle | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cifras-web-telegram-'));
    api = await startFakeTelegramApi({ botUsername: 'cifras_ve_bot' });
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string>) => ({
    DATABASE_URL: `sqlite:${join(dir, 'cifras.db')}`,
    PORT: '0',
    LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: api.url,
    ...extra,
  });

  async function start(extra: Record<string, string>): Promise<ServerHandle> {
    // The platforms `cifras serve` runs (startServer's default), Telegram on.
    return startServer({ config: loadConfig(env(extra)), handleSignals: false });
  }

  async function followLinks(url: string): Promise<string[]> {
    const html = await (await fetch(`${url}/indicators/political-prisoners`)).text();
    return [...html.matchAll(/<a href="(https:\/\/t\.me\/[^"]+)">En Telegram<\/a>/g)].map((m) => m[1]!);
  }

  it.each([
    ['webhook', { PUBLIC_URL: 'https://cifras.example.org', TELEGRAM_WEBHOOK_SECRET: SECRET }],
    ['long polling', {}],
  ])('links to https://t.me/<username from getMe> (%s)', async (_mode, extra) => {
    server = await start(extra);
    await vi.waitFor(() => expect(api.calls.map((c) => c.method)).toContain('getMe'));
    await vi.waitFor(async () => expect(await followLinks(server!.url)).toEqual(['https://t.me/cifras_ve_bot']));
  });

  it('shows no Telegram link with Telegram off', async () => {
    server = await startServer({ config: loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'off.db')}`, PORT: '0', LOG_LEVEL: 'silent' }), handleSignals: false });
    expect(await followLinks(server.url)).toEqual([]);
  });
});
