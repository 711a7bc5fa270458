// `cifras register` for Telegram against the fake Bot API: the webhook with its secret and update
// types when PUBLIC_URL is set, no webhook (long polling) otherwise, and both command menus.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandRegistry } from '../../../commands/index.js';
import { loadConfig } from '../../../src/config.js';
import { registerTelegram } from '../../../src/platforms/telegram/register.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../../fakes/fake-telegram-api.js';
import { TOKEN } from './telegram-harness.js';

describe('registerTelegram', () => {
  let api: FakeTelegramApi;
  beforeEach(async () => {
    api = await startFakeTelegramApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const env = () => ({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url });

  it('sets the webhook with the secret, then the English and Spanish menus', async () => {
    const config = loadConfig({ ...env(), PUBLIC_URL: 'https://cifras.example.org/', TELEGRAM_WEBHOOK_SECRET: 'sekret' });
    const result = await registerTelegram({ config, registry: createCommandRegistry() });
    expect(result.webhookUrl).toBe('https://cifras.example.org/telegram/webhook');
    expect(api.calls.map((c) => c.method)).toEqual(['setWebhook', 'setMyCommands', 'setMyCommands']);
    expect(api.calls.every((c) => c.token === TOKEN)).toBe(true);
    expect(api.calls[0]?.params).toEqual({
      url: 'https://cifras.example.org/telegram/webhook',
      secret_token: 'sekret',
      allowed_updates: ['message', 'channel_post', 'callback_query', 'inline_query'],
    });
    const [english, spanish] = [api.calls[1]?.params, api.calls[2]?.params];
    const names = (params: Record<string, unknown> | undefined) => (params?.commands as { command: string }[]).map((c) => c.command);
    expect(english?.language_code).toBeUndefined();
    expect(names(english)).toEqual(expect.arrayContaining(['help', 'count', 'lang']));
    expect(spanish?.language_code).toBe('es');
    expect(names(spanish)).toEqual(expect.arrayContaining(['ayuda', 'cifras', 'idioma']));
    expect(result.commands).toEqual({ default: names(english).length, es: names(spanish).length });
  });

  it('removes the webhook when PUBLIC_URL is unset, so long polling works', async () => {
    const result = await registerTelegram({ config: loadConfig(env()), registry: createCommandRegistry() });
    expect(result.webhookUrl).toBeNull();
    expect(api.calls.map((c) => c.method)).toEqual(['deleteWebhook', 'setMyCommands', 'setMyCommands']);
  });

  it('refuses when Telegram is off', async () => {
    await expect(registerTelegram({ config: loadConfig({}), registry: createCommandRegistry() })).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
  });
});
