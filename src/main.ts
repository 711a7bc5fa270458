// The composition root: configuration -> database (migrated, seeded) -> HTTP app -> listening
// server -> graceful shutdown. Everything else receives its dependencies from here. `cifras serve`
// (src/cli.ts) calls startServer; tests call it in process with port 0 and close the handle.
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { openDatabase, redactUrl, type DatabaseHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadConfig, type Config, type Env } from './config.js';
import { seedIfEmpty } from './domain/seed.js';
import { createApp, type App, type AppDeps } from './http/app.js';
import { writeApiRoutes } from './http/write-api/write-api-routes.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';

export { ConfigError, formatConfigError } from './config.js';

/** Something that runs beside the server (delivery worker, Telegram long polling) and must stop first. */
export interface Service {
  readonly name: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Read with loadConfig (throws ConfigError); default process.env. Ignored when `config` is given. */
  readonly env?: Env;
  readonly config?: Config;
  readonly logger?: Logger;
  /** Sub-apps to mount at the root (platform webhooks), built from the same dependencies. */
  readonly routes?: (deps: AppDeps) => readonly App[];
  /** Started once the database is ready; stopped (in reverse order) before the database closes. */
  readonly services?: readonly ((deps: AppDeps) => Service | Promise<Service>)[];
  /** Stop on SIGTERM/SIGINT and exit; default true. Tests pass false and call close(). */
  readonly handleSignals?: boolean;
  readonly now?: () => Date;
  /** The Telegram bot's username once known (the web pages link to it); composePlatforms gives it. */
  readonly telegramUsername?: () => string | null;
}

export interface ServerHandle {
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish (at most SHUTDOWN_GRACE_MS), stops services, closes the database. */
  close(): Promise<void>;
}

/** How long in-flight requests may take to finish before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 8_000;
const EXIT_DEADLINE_MS = 10_000;

export async function startServer(options: StartOptions = {}): Promise<ServerHandle> {
  const config = options.config ?? loadConfig(options.env ?? process.env);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const handle = await openDatabase(config.databaseUrl);
  const services: Service[] = [];
  try {
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    if (config.seed && (await seedIfEmpty(handle.db, { actor: 'seed', now: new Date() }))) {
      logger.info('empty database: loaded the bundled demo dataset (set CIFRAS_SEED=false to start empty)');
    }
    const deps: AppDeps = {
      handle,
      config,
      logger,
      metrics: createMetrics({ processMetrics: true }),
      now: options.now,
      telegramUsername: options.telegramUsername,
    };
    const app = createApp({ ...deps, extraRoutes: options.routes?.(deps) ?? [] });
    // Always mounted: without ADMIN_API_TOKEN it answers 403 saying how to turn it on.
    app.route('/api/v1', writeApiRoutes(deps));
    for (const start of options.services ?? []) services.push(await start(deps));
    const server = await listen(app, config);
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    logStartup(logger, config, url);
    let removeSignalHandlers = (): void => {};
    const close = once(async () => {
      removeSignalHandlers();
      await shutdown(server, services, handle, logger);
    });
    if (options.handleSignals ?? true) removeSignalHandlers = exitOnSignals(close, logger);
    return { url, port, close };
  } catch (error) {
    await stopAll(services, logger);
    await handle.close();
    throw error;
  }
}

function listen(app: App, config: Config): Promise<Server> {
  const server = createAdaptorServer({ fetch: app.fetch });
  if (!(server instanceof Server)) throw new Error('expected an HTTP/1.1 server');
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE'
        ? new Error(`${config.host}:${config.port} is already in use: stop what listens there or set PORT to another port`, { cause: error })
        : error);
    });
    server.listen(config.port, config.host, () => resolve(server));
  });
}

function logStartup(logger: Logger, config: Config, url: string): void {
  const telegram = config.telegram === null ? 'off' : config.publicUrl === null ? 'long polling' : 'webhook';
  logger.info({
    url,
    database: redactUrl(config.databaseUrl),
    telegram,
    discord: config.discord === null ? 'off' : 'interactions endpoint',
    writeApi: config.adminApiToken === null ? 'off (set ADMIN_API_TOKEN)' : 'on',
    owners: config.owners.length,
  }, `cifras listening on ${url}`);
  if (config.telegram === null && config.discord === null) {
    logger.info(
      'no platform configured (set TELEGRAM_BOT_TOKEN or the DISCORD_* variables to turn one on). Try it meanwhile: ' +
        `open ${url}/ in a browser, npx cifras ask "/count presos políticos"  or  curl ${url}/api/v1/indicators/political-prisoners`,
    );
  }
}

async function shutdown(server: Server, services: readonly Service[], handle: DatabaseHandle, logger: Logger): Promise<void> {
  logger.info('shutting down: no new connections, finishing requests in flight');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections would hold close() open: drop each as soon as it has no request in
  // flight (a busy one answers first, then goes idle), and cut whatever is still busy once the
  // grace period is over.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
  await closed;
  clearInterval(sweep);
  clearTimeout(cut);
  await stopAll(services, logger);
  await handle.close();
  logger.info('stopped');
}

async function stopAll(services: readonly Service[], logger: Logger): Promise<void> {
  for (const service of [...services].reverse()) {
    try {
      await service.stop();
    } catch (error) {
      logger.error({ err: error, service: service.name }, 'service did not stop cleanly');
    }
  }
}

/** Returns a function that removes the handlers again. */
function exitOnSignals(close: () => Promise<void>, logger: Logger): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'signal received');
    // Whatever happens, the process is gone within the deadline an orchestrator expects.
    setTimeout(() => process.exit(1), EXIT_DEADLINE_MS).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // `once`: a second Ctrl-C during shutdown gets Node's default, an immediate exit.
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}

/** A second close() (a second signal, or a test after a signal) waits for the first. */
function once(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= run());
}
