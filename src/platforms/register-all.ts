// `cifras register`: tells each configured platform where cifras lives and what it can do —
// Telegram's webhook (or none, for long polling) and command menus in English and Spanish,
// Discord's slash commands with their Spanish localizations.
import { createCommandRegistry } from '../../commands/index.js';
import type { Config } from '../config.js';
import { createDiscordRest } from './discord/create-discord-rest.js';
import { registerDiscord } from './discord/register.js';
import { registerTelegram } from './telegram/register.js';

/** Registers every configured platform; returns one line per platform saying what was done. */
export async function registerAll(config: Config): Promise<string[]> {
  const registry = createCommandRegistry();
  const done: string[] = [];
  if (config.telegram !== null) {
    const telegram = await registerTelegram({ config, registry });
    done.push(
      telegram.webhookUrl === null
        ? `Telegram: no PUBLIC_URL, so the webhook was removed (long polling); ${telegram.commands.default} commands in the menus (en, es).`
        : `Telegram: webhook set to ${telegram.webhookUrl}; ${telegram.commands.default} commands in the menus (en, es).`,
    );
  }
  if (config.discord !== null) {
    const count = await registerDiscord({ config, registry, rest: createDiscordRest(config.discord) });
    done.push(`Discord: ${count} slash commands registered for application ${config.discord.applicationId}.`);
  }
  return done;
}
