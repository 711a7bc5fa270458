// What the composition root needs to run Telegram, from the app's dependencies: the webhook routes
// when PUBLIC_URL is set, or a long-polling service when it is not (so a newcomer can try a real
// bot without a public address). Telegram off (no token): neither.
import type { Bot } from 'grammy';
import { createCommandRegistry } from '../../../commands/index.js';
import type { Config } from '../../config.js';
import type { Registry } from '../../core/registry.js';
import type { App, AppDeps } from '../../http/app.js';
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

/** `[POST /telegram/webhook]` when Telegram is on with PUBLIC_URL; `[]` otherwise. */
export function telegramRoutes(deps: AppDeps, registry: Registry = createCommandRegistry()): App[] {
  const { telegram, publicUrl } = deps.config;
  if (telegram === null || publicUrl === null) return [];
  return [telegramWebhookRoutes({ bot: botFor(deps, registry), secretToken: telegram.webhookSecret, metrics: deps.metrics })];
}

/**
 * The services to start beside the server: long polling when Telegram is on without PUBLIC_URL,
 * none otherwise. Each resolves once polling runs; polling removes any webhook first (grammY's
 * bot.start), so it never competes with one.
 */
export function telegramServices(
  config: Pick<Config, 'telegram' | 'publicUrl'>,
  registry: Registry = createCommandRegistry(),
): ((deps: AppDeps) => Promise<TelegramService>)[] {
  if (config.telegram === null || config.publicUrl !== null) return [];
  return [
    async (deps) => {
      const polling = startPolling(botFor(deps, registry), { logger: deps.logger });
      await polling.started;
      return { name: 'telegram long polling', stop: () => polling.stop() };
    },
  ];
}
