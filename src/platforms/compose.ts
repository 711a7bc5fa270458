// The platforms as the composition root starts them: from one command registry, Telegram's
// webhook route (or long polling) and Discord's interactions route, each only when configured.
import type { Bot } from 'grammy';
import { createCommandRegistry } from '../../commands/index.js';
import type { Config } from '../config.js';
import type { App, AppDeps } from '../http/app.js';
import type { Service } from '../main.js';
import { discordServer } from './discord/discord-server.js';
import { telegramRoutes, telegramServices } from './telegram/telegram-server.js';

export interface PlatformWiring {
  routes(deps: AppDeps): App[];
  readonly services: readonly ((deps: AppDeps) => Service | Promise<Service>)[];
  /** The Telegram bot's username once its getMe has answered; null before, or with Telegram off. */
  telegramUsername(): string | null;
}

export function composePlatforms(config: Pick<Config, 'telegram' | 'publicUrl'>): PlatformWiring {
  const registry = createCommandRegistry();
  const discord = discordServer(registry);
  let telegramBot: Bot | undefined;
  const onBot = (bot: Bot): void => {
    telegramBot = bot;
  };
  return {
    routes: (deps) => [...telegramRoutes(deps, registry, onBot), ...discord.routes(deps)],
    services: [...telegramServices(config, registry, onBot), ...discord.services],
    telegramUsername: () => (telegramBot?.isInited() ? telegramBot.botInfo.username : null),
  };
}
