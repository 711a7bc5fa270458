// Telegram wired into the real server (startServer, as `cifras serve` runs it): the webhook route
// when PUBLIC_URL is set — the bot fetching its own getMe from the Bot API on the first update —
// and long polling when it is not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startServer, type ServerHandle } from '../../../src/main.js';
import { telegramRoutes, telegramServices } from '../../../src/platforms/telegram/telegram-server.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../../fakes/fake-telegram-api.js';
import { SECRET, TOKEN, messageUpdate } from './telegram-harness.js';

describe('Telegram in the server', () => {
  let dir: string;
  let api: FakeTelegramApi;
  let server: ServerHandle | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cifras-telegram-'));
    api = await startFakeTelegramApi();
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

  it('serves POST /telegram/webhook when PUBLIC_URL is set', async () => {
    const config = loadConfig(env({ PUBLIC_URL: 'https://cifras.example.org', TELEGRAM_WEBHOOK_SECRET: SECRET }));
    expect(telegramServices(config)).toEqual([]);
    server = await startServer({ config, handleSignals: false, routes: (deps) => telegramRoutes(deps) });
    const post = (secret: string) =>
      fetch(`${server?.url}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(messageUpdate('/count presos políticos')),
      });
    expect((await post('nope')).status).toBe(401);
    const response = await post(SECRET);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { method: string; text: string };
    expect(body.method).toBe('sendMessage');
    expect(body.text).toMatch(/<b>Foro Penal<\/b>: 902/);
    expect(api.calls.map((c) => c.method)).toEqual(['getMe']);
  });

  it('polls instead when PUBLIC_URL is unset, and stops with the server', async () => {
    const config = loadConfig(env({}));
    server = await startServer({ config, handleSignals: false, routes: (deps) => telegramRoutes(deps), services: telegramServices(config) });
    expect((await fetch(`${server.url}/telegram/webhook`, { method: 'POST' })).status).toBe(404);
    const methods = api.calls.map((c) => c.method);
    expect(methods.slice(0, 2).sort()).toEqual(['deleteWebhook', 'getMe']);
    expect(methods).toContain('getUpdates');
    await server.close();
    server = undefined;
    const callsAfterStop = api.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.calls.length).toBe(callsAfterStop);
  });
});
