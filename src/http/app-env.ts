// What every route and middleware of the HTTP app can rely on: the app's dependencies and the
// per-request variables (request id, the logger).
import type { DatabaseHandle } from '../../db/connect.js';
import type { Config } from '../config.js';
import type { ReadCache } from '../domain/read-cache.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

export interface AppDeps {
  readonly handle: DatabaseHandle;
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Kept reads, shared with the platforms (one per database, made by the composition root). */
  readonly cache: ReadCache;
  /** The clock; tests pin it so staleness does not drift with the calendar. */
  readonly now?: () => Date;
  /**
   * The Telegram bot's username once getMe has answered (null before, or with Telegram off): the
   * web pages link to `https://t.me/<username>`.
   */
  readonly telegramUsername?: () => string | null;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    /** The app logger; `requestLog(c)` (request-logger.ts) gives one carrying the request id. */
    appLogger: Logger;
  };
}
