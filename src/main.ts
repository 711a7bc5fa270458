// THE composition root, the one place things are wired: configuration -> database (migrated,
// seeded) -> read cache and flood control -> platforms -> HTTP app (given its routes) -> pruner
// (claimed update ids and idempotency keys forgotten after a day) -> delivery worker (given the
// platforms' senders) -> graceful shutdown. Everything else receives its dependencies from here.
// `cifras serve`, `cifras worker` and `cifras register` (src/cli.ts) call into it; tests call
// startServer in process with port 0 and close the handle.
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createCommandRegistry } from '../commands/index.js';
import { openDatabase, redactUrl, type DatabaseHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadConfig, type Config, type Env } from './config.js';
import { createCommandLimiter } from './core/command-limiter.js';
import type { Registry } from './core/registry.js';
import type { Reply } from './core/reply.js';
import type { Service } from './core/service.js';
import type { PlatformSender } from './delivery/channel-sender.js';
import { DEFAULT_LEASE_MS } from './delivery/claim-due.js';
import { limitsFromRates } from './delivery/limits.js';
import { buildDeliveryReply } from './delivery/delivery-reply.js';
import { createWorker, type Worker, type WorkerOptions } from './delivery/worker.js';
import { createReadCache, type ReadCache } from './domain/read-cache.js';
import { seedIfEmpty } from './domain/seed.js';
import { createApp, type App } from './http/app.js';
import { writeApiRoutes } from './http/write-api/write-api-routes.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { startPruner, type PrunerTuning } from './pruner.js';
import { createChartRenderer } from './charts/index.js';
import { discord } from './platforms/discord/index.js';
import type { Platform, PlatformDeps } from './platforms/platform.js';
import { telegram } from './platforms/telegram/index.js';

export { ConfigError, formatConfigError } from './config.js';
export type { Service } from './core/service.js';

/** Every platform cifras speaks. */
export const PLATFORMS: readonly Platform[] = [telegram, discord];

/** The platforms' senders wait this long for an answer, unless the lease asks for less. */
const DEFAULT_SEND_TIMEOUT_MS = 10_000;

/** Tuning for tests and benchmarks; production uses the defaults. */
export type WorkerTuning = Partial<Pick<WorkerOptions<Reply>, 'limits' | 'retry' | 'leaseMs' | 'maxInFlight' | 'pollMs' | 'workerId' | 'now' | 'digestCheckMs'>> & {
  /** Per platform request; must stay under half the lease. */
  readonly timeoutMs?: number;
};

export interface StartOptions {
  /** Read with loadConfig (throws ConfigError); default process.env. Ignored when `config` is given. */
  readonly env?: Env;
  readonly config?: Config;
  readonly logger?: Logger;
  /** Run the delivery worker beside the server (`cifras serve`; not with `--no-worker`); default false. */
  readonly worker?: boolean | WorkerTuning;
  /** Stop on SIGTERM/SIGINT and exit; default true. Tests pass false and call close(). */
  readonly handleSignals?: boolean;
  readonly now?: () => Date;
  /** The platforms to serve when enabled; default PLATFORMS (tests pass others). */
  readonly platforms?: readonly Platform[];
  /** Replaces some of SERVER_LIMITS (tests shorten the timeouts). */
  readonly serverLimits?: Partial<ServerLimits>;
  /** The pruner's clock and pace (tests); by default a round every 10 minutes on the system clock. */
  readonly pruning?: PrunerTuning;
}

/** What one connection may take from the server; see SERVER_LIMITS. */
export interface ServerLimits {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** How often Node looks for connections past those timeouts (its default, 30 s, would blur them). */
  readonly connectionsCheckingIntervalMs: number;
  readonly maxConnections: number;
}

/**
 * Set on purpose rather than left to Node's defaults (60 s for headers, 300 s for a request, no
 * connection cap), which let a few slow or idle clients hold the server's sockets for minutes.
 * Every caller here sends small bodies quickly: Telegram and Discord a few kilobytes, API writes at
 * most 64 KiB. 500 connections is far above what Telegram (40 at a time by default) and Discord
 * open, and below the usual limit of 1,024 open files per process; past it Node drops new ones.
 */
export const SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  connectionsCheckingIntervalMs: 1_000,
  maxConnections: 500,
};

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

/** `cifras serve`: the HTTP server with every enabled platform, and the worker if asked. */
export async function startServer(options: StartOptions = {}): Promise<ServerHandle> {
  const config = options.config ?? loadConfig(options.env ?? process.env);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const handle = await openDatabase(config.databaseUrl);
  const services: Service[] = [];
  try {
    await prepareDatabase(handle, config, logger);
    const metrics = createMetrics({ processMetrics: true });
    const now = options.now ?? (() => new Date());
    const composed = composeApp({ handle, config, logger, metrics, now, ...(options.platforms ? { platforms: options.platforms } : {}) });
    for (const start of composed.services) services.push(await start());
    // Every server prunes: the rows it prunes are the ones servers write (update claims, keys).
    services.push(startPruner({ db: handle.db, skipLocked: handle.capabilities.skipLocked, logger, metrics, ...options.pruning }));
    // Started last, the worker stops first on shutdown: sends in progress finish, claims go back.
    if (options.worker !== undefined && options.worker !== false) {
      services.push(startWorker({ handle, config, logger, metrics, now }, options.worker === true ? {} : options.worker));
    }
    const server = await listen(composed.app, config, { ...SERVER_LIMITS, ...options.serverLimits });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    logStartup(logger, config, url);
    let removeSignalHandlers = (): void => {};
    const close = once(async () => {
      removeSignalHandlers();
      await shutdown(server, services, handle, logger);
    });
    if (options.handleSignals ?? true) removeSignalHandlers = onSignals(logger, close);
    return { url, port, close };
  } catch (error) {
    await stopAll(services, logger);
    await handle.close();
    throw error;
  }
}

export interface AppParts {
  readonly handle: DatabaseHandle;
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly now: () => Date;
  /** The commands; default every command in commands/ (tests may pass others). */
  readonly registry?: Registry;
  /** Default PLATFORMS. */
  readonly platforms?: readonly Platform[];
}

export interface ComposedApp {
  readonly app: App;
  readonly cache: ReadCache;
  /** The enabled platforms' services, to start once the database is ready. */
  readonly services: readonly (() => Promise<Service>)[];
}

/** The HTTP app on an open database: the read cache, every enabled platform, the write API. */
export function composeApp(parts: AppParts): ComposedApp {
  const { handle, config, logger, metrics, now } = parts;
  const cache = createReadCache(handle.capabilities.dataVersion);
  // One chart renderer: it loads its fonts once, for /chart and the chart routes alike.
  const charts = createChartRenderer();
  // One flood control for every platform and path to an answer (webhook, polling, buttons).
  const limiter = createCommandLimiter(config.commandLimits, { counters: { refused: metrics.commandsLimited, notices: metrics.commandLimitNotices } });
  const deps: PlatformDeps = { db: handle.db, cache, config, logger, metrics, registry: parts.registry ?? createCommandRegistry(), now, charts, limiter };
  const enabled = (parts.platforms ?? PLATFORMS).filter((platform) => platform.enabled(config));
  const served = enabled.map((platform) => platform.serve(deps));
  const telegramServer = served[enabled.findIndex((platform) => platform.name === 'telegram')];
  const app = createApp({
    handle,
    cache,
    charts,
    config,
    logger,
    metrics,
    now,
    telegramUsername: () => telegramServer?.botUsername?.() ?? null,
    // Always mounted: without ADMIN_API_TOKEN it answers 403 saying how to turn it on.
    routes: [{ at: '/api/v1', routes: writeApiRoutes({ handle, cache, config, logger, metrics, now }) }],
    webhooks: served.flatMap((platform) => platform.webhooks),
  });
  return { app, cache, services: served.flatMap((platform) => platform.services) };
}

export interface WorkerDeps {
  readonly handle: DatabaseHandle;
  /** deliveryRates: the configured send rates; without them, the platforms' documented limits. */
  readonly config: Pick<Config, 'telegram' | 'discord' | 'owners'> & Partial<Pick<Config, 'deliveryRates' | 'timezone' | 'digestHour' | 'deliveryLeaseMs' | 'defaultLocale'>>;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly metrics?: Metrics;
  readonly now?: () => Date;
}

/** The worker's options: a sender from each enabled platform, the notification, the owners. */
export function workerOptions(deps: WorkerDeps, tuning: WorkerTuning = {}): WorkerOptions<Reply> {
  const { timeoutMs, ...workerTuning } = tuning;
  // deps.now dates what is rendered (what is stale); tuning.now, if any, is the worker's own clock.
  const now = deps.now ?? tuning.now ?? (() => new Date());
  const config = deps.config as Config;
  // Daily and weekly digests go out at DIGEST_HOUR in CIFRAS_TIMEZONE.
  const digests = { timeZone: deps.config.timezone ?? 'America/Caracas', hour: deps.config.digestHour ?? 8 };
  const leaseMs = workerTuning.leaseMs ?? deps.config.deliveryLeaseMs ?? DEFAULT_LEASE_MS;
  // A send must end within the half of the lease a claim keeps for it (worker.ts dispatch).
  const sendTimeoutMs = timeoutMs ?? Math.min(DEFAULT_SEND_TIMEOUT_MS, Math.floor(leaseMs * 0.4));
  const senders: Record<string, PlatformSender> = {};
  for (const platform of PLATFORMS) {
    if (platform.enabled(config)) senders[platform.name] = platform.sender(config, { logger: deps.logger, timeoutMs: sendTimeoutMs });
  }
  const ownerLocale = deps.config.defaultLocale ?? 'es';
  return {
    ...(deps.config.deliveryRates === undefined ? {} : { limits: limitsFromRates(deps.config.deliveryRates) }),
    ...workerTuning,
    leaseMs,
    db: deps.handle.db,
    capabilities: deps.handle.capabilities,
    senders,
    render: (job) => buildDeliveryReply(deps.handle.db, job, digests, now(), ownerLocale),
    digests,
    logger: deps.logger,
    ...(deps.metrics === undefined ? {} : { metrics: deps.metrics }),
    owners: deps.config.owners,
  };
}

/** The delivery worker, started; stop() lets sends in flight finish. */
export function startWorker(deps: WorkerDeps, tuning: WorkerTuning = {}): Worker & Service {
  const options = workerOptions(deps, tuning);
  if (Object.keys(options.senders).length === 0) deps.logger.info('delivery worker idle: no platform configured, so nothing can be delivered');
  const worker = createWorker(options);
  worker.start();
  return Object.assign(worker, { name: 'delivery worker' });
}

/** `cifras worker`: the worker alone on an open database until SIGTERM or SIGINT, then stopped cleanly. */
export async function runWorker(deps: WorkerDeps, tuning: WorkerTuning = {}): Promise<void> {
  const worker = startWorker(deps, tuning);
  // Signal listeners alone do not keep Node running; an idle worker must still wait for one.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  let onSignal: (signal: NodeJS.Signals) => void = () => {};
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    onSignal = resolve;
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
  // A second Ctrl-C during the stop gets Node's default: an immediate exit.
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  clearInterval(keepAlive);
  deps.logger.info({ signal }, 'signal received: stopping the delivery worker');
  await worker.stop();
}

/** `cifras register`: every configured platform told where cifras lives; one line each. */
export async function registerPlatforms(config: Config): Promise<string[]> {
  const registry = createCommandRegistry();
  const done: string[] = [];
  for (const platform of PLATFORMS) if (platform.enabled(config)) done.push(await platform.register(config, registry));
  return done;
}

async function prepareDatabase(handle: DatabaseHandle, config: Config, logger: Logger): Promise<void> {
  const applied = await migrateToLatest(handle.db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  if (config.seed && (await seedIfEmpty(handle.db, { actor: 'seed', now: new Date() }))) {
    logger.info('empty database: loaded the bundled demo dataset (set CIFRAS_SEED=false to start empty)');
  }
}

function listen(app: App, config: Config, limits: ServerLimits): Promise<Server> {
  const server = createAdaptorServer({
    fetch: app.fetch,
    serverOptions: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
    },
  });
  if (!(server instanceof Server)) throw new Error('expected an HTTP/1.1 server');
  server.maxConnections = limits.maxConnections;
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
  const telegramMode = config.telegram === null ? 'off' : config.publicUrl === null ? 'long polling' : 'webhook';
  logger.info({
    url,
    database: redactUrl(config.databaseUrl),
    telegram: telegramMode,
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

/**
 * On SIGTERM/SIGINT: `stop()`, then exit (1 if it failed, or if it takes longer than an
 * orchestrator waits). Returns a function that removes the handlers again.
 */
function onSignals(logger: Pick<Logger, 'info' | 'error'>, stop: () => Promise<void>): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'signal received');
    setTimeout(() => process.exit(1), EXIT_DEADLINE_MS).unref();
    stop().then(
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
