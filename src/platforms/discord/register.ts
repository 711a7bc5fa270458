// Discord command registration (`cifras register`): replaces the application's global slash
// commands with the ones declared in commands/ (PUT is idempotent: run it after every change).
import { Routes } from 'discord-api-types/v10';
import type { Config } from '../../config.js';
import type { Registry } from '../../core/registry.js';
import { commandJson } from './command-json.js';
import type { DiscordRestClient } from './discord-deps.js';

export interface RegisterDiscordOptions {
  readonly config: Pick<Config, 'discord'>;
  readonly registry: Registry;
  /** A REST client with the bot token set: `new REST({ version: '10', api }).setToken(botToken)`. */
  readonly rest: Pick<DiscordRestClient, 'put'>;
}

/** Registers every command globally; returns how many were sent. */
export async function registerDiscord(options: RegisterDiscordOptions): Promise<number> {
  const discord = options.config.discord;
  if (discord === null) throw new Error('registerDiscord needs config.discord (DISCORD_APPLICATION_ID, DISCORD_PUBLIC_KEY, DISCORD_BOT_TOKEN)');
  const body = commandJson(options.registry);
  await options.rest.put(Routes.applicationCommands(discord.applicationId), { body });
  return body.length;
}
