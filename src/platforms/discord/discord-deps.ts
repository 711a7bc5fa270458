// What the Discord interactions endpoint needs, passed in by the composition root; the REST
// client is the small slice of @discordjs/rest it calls, so tests can point it at a fake.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Config } from '../../config.js';
import type { IsEditor } from '../../core/access.js';
import type { CommandLimiter } from '../../core/command-limiter.js';
import type { Registry } from '../../core/registry.js';
import type { ReadCache } from '../../domain/read-cache.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics.js';
import type { BackgroundTasks } from './background-tasks.js';

/** The slice of `@discordjs/rest`'s REST used here (a REST instance satisfies it). */
export interface DiscordRestClient {
  patch(
    route: `/${string}`,
    options: { body: unknown; auth?: boolean; files?: { name: string; data: Buffer; contentType?: string }[] },
  ): Promise<unknown>;
  put(route: `/${string}`, options: { body: unknown }): Promise<unknown>;
}

export interface DiscordInteractionDeps {
  readonly db: Kysely<Database>;
  readonly cache: ReadCache;
  readonly config: Pick<Config, 'owners' | 'defaultLocale' | 'timezone' | 'discord'>;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly metrics?: Pick<Metrics, 'webhookRejected' | 'commands'>;
  readonly registry: Registry;
  readonly now: () => Date;
  /** `new REST({ version: '10', api: config.discord.apiBase })`; follow-ups need no token. */
  readonly rest: DiscordRestClient;
  readonly isEditor?: IsEditor;
  /** Flood control on commands (the composition root's, shared with Telegram); absent: none. */
  readonly limiter?: CommandLimiter;
  /**
   * How long to wait for a command before answering "thinking…" (type 5) and sending the result
   * as a follow-up. Discord allows 3 s for the first answer; default 1500 ms leaves room for the
   * network both ways.
   */
  readonly deferAfterMs?: number;
  /** Where deferred follow-ups are tracked (main drains it on shutdown); one is made if absent. */
  readonly tasks?: BackgroundTasks;
}

export const DEFAULT_DEFER_AFTER_MS = 1500;
