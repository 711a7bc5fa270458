// What every platform's front door (src/platforms/<name>/index.ts) gives the composition root:
// whether the configuration turns it on; what the server runs for it (its webhook routes, at
// paths only it calls, and the services beside them); the delivery worker's sender, which renders
// the platform-neutral Reply itself; and `cifras register`.
import type { Kysely } from 'kysely';
import type { ChartRenderer } from '../charts/index.js';
import type { Database } from '../../db/schema.js';
import type { Config } from '../config.js';
import type { CommandLimiter } from '../core/command-limiter.js';
import type { Registry } from '../core/registry.js';
import type { Service } from '../core/service.js';
import type { PlatformSender } from '../delivery/channel-sender.js';
import type { ReadCache } from '../domain/read-cache.js';
import type { Webhook } from '../http/app.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

export type PlatformName = 'telegram' | 'discord';

/** What a platform's command handling is given. */
export interface PlatformDeps {
  readonly db: Kysely<Database>;
  readonly cache: ReadCache;
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly registry: Registry;
  readonly now: () => Date;
  /** Draws /chart's images (one renderer for the process, shared with the chart routes). */
  readonly charts?: ChartRenderer;
  /** Flood control on commands: one for the process, shared by every path to an answer (webhook, polling, buttons). */
  readonly limiter: CommandLimiter;
}

export interface PlatformServer {
  readonly webhooks: readonly Webhook[];
  /** Started once the database is ready (each resolves once running), stopped before it closes. */
  readonly services: readonly (() => Promise<Service>)[];
  /** The bot's public username once the platform has said it (Telegram's getMe); the web pages link to it. */
  readonly botUsername?: () => string | null;
}

export interface SenderOptions {
  /** Per platform request; must stay under half the worker's lease. */
  readonly timeoutMs?: number;
  readonly logger: Pick<Logger, 'warn'>;
}

export interface Platform {
  readonly name: PlatformName;
  /** Whether this configuration turns the platform on (its token is set). */
  enabled(config: Config): boolean;
  serve(deps: PlatformDeps): PlatformServer;
  sender(config: Config, options: SenderOptions): PlatformSender;
  /** Tells the platform where cifras lives and what it can do; one line saying what was done. */
  register(config: Config, registry: Registry): Promise<string>;
}
