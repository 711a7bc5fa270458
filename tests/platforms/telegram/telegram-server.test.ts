// Telegram wired into the real server by its front door (startServer, as `cifras serve` runs it): the webhook route
// when PUBLIC_URL is set — the bot fetching its own getMe from the Bot API as the server starts —
// and long polling when it is not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bot } from 'grammy';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startServer, type ServerHandle } from '../../../src/main.js';
import { telegram } from '../../../src/platforms/telegram/index.js';
import { warmUp } from '../../../src/platforms/telegram/warm-up.js';
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
    expect(telegram.enabled(config)).toBe(true);
    server = await startServer({ config, handleSignals: false });
    // Asked at startup, before any update.
    await vi.waitFor(() => expect(api.calls.map((c) => c.method)).toEqual(['getMe']));
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
    server = await startServer({ config, handleSignals: false });
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

  describe('warm-up', () => {
    // The warm-up needs nothing of cifras' bot but grammY's own.
    const bot = (apiRoot: string) => new Bot(TOKEN, { client: { apiRoot } });
    const recorder = () => {
      const lines: { level: string; text: string }[] = [];
      const at = (level: string) => (a: unknown, b?: string) => lines.push({ level, text: typeof a === 'string' ? a : `${b ?? ''} ${JSON.stringify(a)}` });
      return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } };
    };

    it('learns who the bot is, so an update needs no getMe of its own', async () => {
      const b = bot(api.url);
      const { lines, logger } = recorder();
      await warmUp(b, logger);
      expect(b.isInited()).toBe(true);
      expect(lines).toEqual([{ level: 'info', text: expect.stringContaining('telegram bot ready') }]);
    });

    it('says at startup that Telegram rejected the token, and does not throw', async () => {
      api.setFault({ type: 'unauthorized' });
      const b = bot(api.url);
      const { lines, logger } = recorder();
      await warmUp(b, logger);
      expect(b.isInited()).toBe(false);
      expect(lines).toEqual([{ level: 'error', text: expect.stringContaining('Telegram rejected TELEGRAM_BOT_TOKEN') }]);
    });

    it('only warns when the Bot API cannot be reached, and does not throw', async () => {
      const closed = await startFakeTelegramApi();
      await closed.close();
      const b = bot(closed.url);
      const { lines, logger } = recorder();
      // grammY retries a refused connection with growing pauses until the warm-up's time is up.
      await warmUp(b, logger, 500);
      expect(b.isInited()).toBe(false);
      expect(lines.map((l) => l.level)).toEqual(['warn']);
    });
  });
});
