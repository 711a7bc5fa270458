// Discord's front door: everything the composition root needs from Discord, and nothing else
// leaves this folder. The server gets the interactions endpoint and a service whose stop waits for
// deferred follow-ups still being sent; the delivery worker gets a sender that renders replies as
// embeds; `cifras register` replaces the application's slash commands.
import type { Platform } from '../platform.js';
import { createBackgroundTasks } from './background-tasks.js';
import { createDiscordRest } from './create-discord-rest.js';
import { DISCORD_INTERACTIONS_PATH, discordInteractionRoutes } from './interaction-routes.js';
import { registerDiscord } from './register.js';
import { createDeliveryRest, discordSender } from './sender.js';

export const discord: Platform = {
  name: 'discord',
  enabled: (config) => config.discord !== null,
  serve(deps) {
    const settings = deps.config.discord;
    if (settings === null) return { webhooks: [], services: [] };
    const tasks = createBackgroundTasks();
    const routes = discordInteractionRoutes({ ...deps, rest: createDiscordRest(settings), tasks });
    return {
      webhooks: [{ path: DISCORD_INTERACTIONS_PATH, routes }],
      services: [async () => ({ name: 'discord follow-ups', stop: () => tasks.drain() })],
    };
  },
  sender(config, options) {
    if (config.discord === null) throw new Error('the Discord sender needs the DISCORD_* variables');
    return discordSender(config.discord, createDeliveryRest(config.discord, options));
  },
  async register(config, registry) {
    if (config.discord === null) throw new Error('Discord is off: set the DISCORD_* variables to register the commands');
    const count = await registerDiscord({ config, registry, rest: createDiscordRest(config.discord) });
    return `Discord: ${count} slash commands registered for application ${config.discord.applicationId}.`;
  },
};
