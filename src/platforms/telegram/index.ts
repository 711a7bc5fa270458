// Telegram's front door: everything the composition root needs from Telegram, and nothing else
// leaves this folder. With PUBLIC_URL the server gets the webhook route; without it, a
// long-polling service (a newcomer can try a real bot without a public address). The delivery
// worker gets a sender that renders replies as Telegram HTML; `cifras register` sets the
// webhook (or removes it, for polling) and the command menus.
import type { Platform } from '../platform.js';
import { createTelegramBot } from './create-telegram-bot.js';
import { startPolling } from './polling.js';
import { registerTelegram } from './register.js';
import { telegramSender } from './sender.js';
import { warmUp } from './warm-up.js';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhookRoutes } from './webhook-routes.js';

export const telegram: Platform = {
  name: 'telegram',
  enabled: (config) => config.telegram !== null,
  serve(deps) {
    const { telegram: settings, publicUrl } = deps.config;
    if (settings === null) return { webhooks: [], services: [] };
    const bot = createTelegramBot(deps);
    // Known once getMe has answered: at startup (warmUp, or polling's start), else at the first update.
    const botUsername = (): string | null => (bot.isInited() ? bot.botInfo.username : null);
    if (publicUrl === null) {
      return {
        botUsername,
        webhooks: [],
        services: [
          async () => {
            // bot.start removes any webhook first, so polling never competes with one.
            const polling = startPolling(bot, { logger: deps.logger });
            await polling.started;
            return { name: 'telegram long polling', stop: () => polling.stop() };
          },
        ],
      };
    }
    void warmUp(bot, deps.logger);
    const routes = telegramWebhookRoutes({ bot, secretToken: settings.webhookSecret, metrics: deps.metrics });
    return { botUsername, webhooks: [{ path: TELEGRAM_WEBHOOK_PATH, routes }], services: [] };
  },
  sender: (config, options) => {
    if (config.telegram === null) throw new Error('the Telegram sender needs TELEGRAM_BOT_TOKEN');
    return telegramSender(config.telegram, options);
  },
  async register(config, registry) {
    const done = await registerTelegram({ config, registry });
    return done.webhookUrl === null
      ? `Telegram: no PUBLIC_URL, so the webhook was removed (long polling); ${done.commands.default} commands in the menus (en, es).`
      : `Telegram: webhook set to ${done.webhookUrl}; ${done.commands.default} commands in the menus (en, es).`;
  },
};
