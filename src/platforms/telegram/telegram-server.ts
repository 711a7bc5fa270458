// What the composition root needs to run Telegram, from the app's dependencies: the webhook routes
// when PUBLIC_URL is set, or a long-polling service when it is not (so a newcomer can try a real
// bot without a public address). Telegram off (no token): neither.
import { GrammyError, type Bot } from 'grammy';
import { createCommandRegistry } from '../../../commands/index.js';
import type { Config } from '../../config.js';
import type { Registry } from '../../core/registry.js';
import type { App, AppDeps } from '../../http/app.js';
import type { Logger } from '../../logger.js';
import { createTelegramBot } from './create-telegram-bot.js';
import { startPolling } from './polling.js';
import { telegramWebhookRoutes } from './webhook-routes.js';
import { platformDeps } from '../platform-deps.js';

/** A thing that runs beside the server and is stopped before the database closes (main.ts's Service). */
export interface TelegramService {
  readonly name: string;
  stop(): Promise<void>;
}

function botFor(deps: AppDeps, registry: Registry): Bot {
  return createTelegramBot(platformDeps(deps, registry));
}

/**
 * `[POST /telegram/webhook]` when Telegram is on with PUBLIC_URL; `[]` otherwise. The bot asks
 * the Bot API who it is right away (warmUp), not when the first update arrives.
 */
export function telegramRoutes(deps: AppDeps, registry: Registry = createCommandRegistry(), onBot: (bot: Bot) => void = () => {}): App[] {
  const { telegram, publicUrl } = deps.config;
  if (telegram === null || publicUrl === null) return [];
  const bot = botFor(deps, registry);
  onBot(bot);
  void warmUp(bot, deps.logger);
  return [telegramWebhookRoutes({ bot, secretToken: telegram.webhookSecret, metrics: deps.metrics })];
}

/** How long the startup getMe may keep trying (grammY retries network errors and 5xx meanwhile). */
export const WARM_UP_TIMEOUT_MS = 30_000;

/**
 * grammY's getMe as the server starts: the first update then does not wait for it, and a token
 * Telegram rejects is reported at startup instead of at the first update. Never throws: if the Bot
 * API cannot be reached now, grammY asks again, with retries, when the first update arrives. An
 * update that arrives meanwhile waits for this same call (grammY shares it).
 */
export async function warmUp(bot: Bot, logger: Pick<Logger, 'info' | 'warn' | 'error'>, timeoutMs = WARM_UP_TIMEOUT_MS): Promise<void> {
  try {
    // grammY types its signal with the abort-controller polyfill's AbortSignal; Node's is the same thing.
    await bot.init(AbortSignal.timeout(timeoutMs) as Parameters<Bot['init']>[0]);
    logger.info({ username: bot.botInfo.username }, 'telegram bot ready');
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      logger.error('Telegram rejected TELEGRAM_BOT_TOKEN (getMe: 401 Unauthorized): check the token with @BotFather');
    } else {
      logger.warn({ err: error }, 'could not reach the Telegram Bot API at startup; the first update will try again');
    }
  }
}

/**
 * The services to start beside the server: long polling when Telegram is on without PUBLIC_URL,
 * none otherwise. Each resolves once polling runs; polling removes any webhook first (grammY's
 * bot.start), so it never competes with one.
 */
export function telegramServices(
  config: Pick<Config, 'telegram' | 'publicUrl'>,
  registry: Registry = createCommandRegistry(),
  onBot: (bot: Bot) => void = () => {},
): ((deps: AppDeps) => Promise<TelegramService>)[] {
  if (config.telegram === null || config.publicUrl !== null) return [];
  return [
    async (deps) => {
      const bot = botFor(deps, registry);
      onBot(bot);
      const polling = startPolling(bot, { logger: deps.logger });
      await polling.started;
      return { name: 'telegram long polling', stop: () => polling.stop() };
    },
  ];
}
