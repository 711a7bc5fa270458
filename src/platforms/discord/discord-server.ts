// What the composition root needs to run Discord, from the app's dependencies: the interactions
// route when Discord is configured, and a service whose stop waits for deferred follow-ups still
// being sent (main stops services after the server stops accepting, before the database closes).
import { createCommandRegistry } from '../../../commands/index.js';
import type { Registry } from '../../core/registry.js';
import type { App, AppDeps } from '../../http/app.js';
import { createBackgroundTasks } from './background-tasks.js';
import { createDiscordRest } from './create-discord-rest.js';
import { discordInteractionRoutes } from './interaction-routes.js';
import { platformDeps } from '../platform-deps.js';

/** A thing that runs beside the server and is stopped before the database closes (main.ts's Service). */
export interface DiscordService {
  readonly name: string;
  stop(): Promise<void>;
}

export interface DiscordServer {
  /** `[POST /discord/interactions]` when Discord is on; `[]` otherwise. */
  routes(deps: AppDeps): App[];
  /** Pass to startServer's `services`. */
  readonly services: readonly ((deps: AppDeps) => DiscordService)[];
}

export function discordServer(registry: Registry = createCommandRegistry()): DiscordServer {
  const tasks = createBackgroundTasks();
  return {
    routes(deps) {
      const discord = deps.config.discord;
      if (discord === null) return [];
      return [
        discordInteractionRoutes({ ...platformDeps(deps, registry), rest: createDiscordRest(discord), tasks }),
      ];
    },
    services: [() => ({ name: 'discord follow-ups', stop: () => tasks.drain() })],
  };
}
