// `cifras register` for Telegram: points Telegram at the webhook (with the secret and the update
// types the bot handles) when PUBLIC_URL is set, or removes the webhook so long polling works;
// then installs the command menus — English names by default, Spanish aliases for users whose
// Telegram is in Spanish. Both names run the command either way.
import { Api } from 'grammy';
import type { Config } from '../../config.js';
import { telegramCommandLists } from './command-lists.js';
import type { Registry } from '../../core/registry.js';
import { TELEGRAM_WEBHOOK_PATH } from './webhook-routes.js';

/** The updates the bot handles (inline_query: inline mode); edited messages are deliberately not among them. */
export const ALLOWED_UPDATES = ['message', 'channel_post', 'callback_query', 'inline_query'] as const;

export interface RegisterTelegramOptions {
  readonly config: Pick<Config, 'telegram' | 'publicUrl'>;
  readonly registry: Registry;
  /** For tests or proxies; grammY's own fetch otherwise. */
  readonly fetch?: typeof fetch;
}

export interface TelegramRegistration {
  /** The webhook URL set, or null when the webhook was removed (long polling). */
  readonly webhookUrl: string | null;
  readonly commands: { readonly default: number; readonly es: number };
}

export async function registerTelegram(options: RegisterTelegramOptions): Promise<TelegramRegistration> {
  const telegram = options.config.telegram;
  if (telegram === null) throw new Error('Telegram is off: set TELEGRAM_BOT_TOKEN to register the bot');
  const api = new Api(telegram.token, {
    apiRoot: telegram.apiRoot,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const webhookUrl = options.config.publicUrl === null ? null : `${options.config.publicUrl}${TELEGRAM_WEBHOOK_PATH}`;
  if (webhookUrl === null) {
    await api.deleteWebhook();
  } else {
    if (telegram.webhookSecret === null) throw new Error('PUBLIC_URL is set: TELEGRAM_WEBHOOK_SECRET is needed for the webhook');
    await api.setWebhook(webhookUrl, { secret_token: telegram.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
  }
  const lists = telegramCommandLists(options.registry);
  await api.setMyCommands(lists.default);
  await api.setMyCommands(lists.es, { language_code: 'es' });
  return { webhookUrl, commands: { default: lists.default.length, es: lists.es.length } };
}
