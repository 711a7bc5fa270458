// A Telegram bot wired as in production — the real HTTP app with the webhook mounted, the demo
// dataset on a fresh database, outgoing Bot API calls answered by the local fake — plus builders
// for Bot API updates as Telegram documents them.
import type { UserFromGetMe } from 'grammy/types';
import type { DatabaseHandle } from '../../../db/connect.js';
import { createCommandRegistry } from '../../../commands/index.js';
import { loadConfig, type Config } from '../../../src/config.js';
import type { Registry } from '../../../src/core/registry.js';
import { createReadCache } from '../../../src/domain/read-cache.js';
import { seedIfEmpty } from '../../../src/domain/seed.js';
import { createApp, type App } from '../../../src/http/app.js';
import { createLogger } from '../../../src/logger.js';
import { createMetrics, type Metrics } from '../../../src/metrics.js';
import { createTelegramBot } from '../../../src/platforms/telegram/create-telegram-bot.js';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhookRoutes } from '../../../src/platforms/telegram/webhook-routes.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../../fakes/fake-telegram-api.js';
import type { TestDialect } from '../../support/databases.js';

export const SECRET = 'test-webhook-secret';
export const TOKEN = '123456:TEST-token_abc';
/** After the demo figures' dates by more than their 30-day threshold: they are stale. */
export const NOW = new Date('2026-03-01T12:00:00Z');

export const BOT_INFO: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: 'cifras',
  username: 'cifras_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface TelegramHarness {
  readonly handle: DatabaseHandle;
  readonly app: App;
  readonly api: FakeTelegramApi;
  readonly metrics: Metrics;
  readonly config: Config;
  /** POSTs an update to the webhook; `secret: null` sends no secret header. */
  post(update: object, secret?: string | null): Promise<Response>;
  close(): Promise<void>;
}

export interface TelegramHarnessOptions {
  /** Load the demo dataset (default true). */
  readonly seed?: boolean;
  /** Runs on the fresh database before the bot starts (e.g. loading a fixture). */
  readonly prepare?: (handle: DatabaseHandle) => Promise<unknown>;
  /** Variables added to the harness's configuration. */
  readonly env?: Readonly<Record<string, string>>;
}

/** `registry` replaces the real commands (tests that need a command behaving in a particular way). */
export async function startTelegramHarness(
  dialect: TestDialect,
  registry: Registry = createCommandRegistry(),
  options: TelegramHarnessOptions = {},
): Promise<TelegramHarness> {
  const handle = await dialect.open();
  if (options.seed ?? true) await seedIfEmpty(handle.db, { actor: 'seed', now: NOW });
  await options.prepare?.(handle);
  const api = await startFakeTelegramApi({ members: { '-1001': { '501': 'administrator', '502': 'member' } } });
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: api.url,
    PUBLIC_URL: 'https://cifras.example.org',
    DEFAULT_LOCALE: 'es',
    ...options.env,
  });
  const logger = createLogger({ level: 'silent' });
  const metrics = createMetrics();
  const now = () => NOW;
  const cache = createReadCache(handle.capabilities.dataVersion);
  const bot = createTelegramBot({ db: handle.db, cache, config, logger, metrics, registry, now, botInfo: BOT_INFO });
  const routes = telegramWebhookRoutes({ bot, secretToken: config.telegram?.webhookSecret ?? null, metrics });
  const app = createApp({ handle, cache, config, logger, metrics, now, webhooks: [{ path: TELEGRAM_WEBHOOK_PATH, routes }] });
  return {
    handle,
    app,
    api,
    metrics,
    config,
    post: async (update, secret = SECRET) =>
      app.request('/telegram/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
        body: JSON.stringify(update),
      }),
    close: async () => {
      await api.close();
      await handle.close();
    },
  };
}

let nextUpdateId = 1000;
let nextMessageId = 1;
const DATE = Math.floor(NOW.getTime() / 1000);

export const privateChat = (id = 7001) => ({ id, type: 'private', first_name: 'Ana' });
export const groupChat = { id: -1001, type: 'supergroup', title: 'Periodistas' };
export const channelChat = { id: -1002, type: 'channel', title: 'Cifras canal' };
export const user = (id = 7001, language_code = 'es') => ({ id, is_bot: false, first_name: 'Ana', language_code });

/** A text message; a leading `/word` (with an optional @bot) gets its bot_command entity. */
export function messageWith(text: string, chat: object, from: object | null, extra: object = {}) {
  const command = /^\/\S+/.exec(text);
  return {
    message_id: nextMessageId++,
    date: DATE,
    chat,
    ...(from === null ? {} : { from }),
    text,
    ...(command === null ? {} : { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }),
    ...extra,
  };
}

export function messageUpdate(text: string, options: { chat?: object; from?: object; updateId?: number; extra?: object } = {}) {
  return {
    update_id: options.updateId ?? nextUpdateId++,
    message: messageWith(text, options.chat ?? privateChat(), options.from ?? user(), options.extra),
  };
}

export function channelPostUpdate(text: string) {
  return { update_id: nextUpdateId++, channel_post: messageWith(text, channelChat, null, { sender_chat: channelChat }) };
}

export function editedMessageUpdate(text: string) {
  return { update_id: nextUpdateId++, edited_message: { ...messageWith(text, privateChat(), user()), edit_date: DATE + 5 } };
}

export function callbackQueryUpdate(data: string, message: object, from: object = user()) {
  return { update_id: nextUpdateId++, callback_query: { id: `cb${nextUpdateId}`, from, chat_instance: '99', message, data } };
}

/** The webhook reply in a response body, or null for an empty body. */
export async function webhookReply(response: Response): Promise<Record<string, unknown> | null> {
  const body = await response.text();
  return body === '' ? null : (JSON.parse(body) as Record<string, unknown>);
}
