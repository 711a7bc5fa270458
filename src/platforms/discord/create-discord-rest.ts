// The REST client for the configured Discord API base (a local fake in tests), with the bot token.
// @discordjs/rest tracks Discord's rate-limit buckets itself.
import { REST } from '@discordjs/rest';
import type { DiscordConfig } from '../../config.js';

export function createDiscordRest(discord: DiscordConfig): REST {
  return new REST({ version: '10', api: discord.apiBase }).setToken(discord.botToken);
}
