// Builds the real HTTP app over a test database, with a pinned clock and a logger whose lines
// the test can read.
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { loadConfig, type Env } from '../../src/config.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { createReadCache } from '../../src/domain/read-cache.js';
import { createApp, type App, type MountedRoutes, type Webhook } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics, type Metrics } from '../../src/metrics.js';
import { dialects, type TestDialect } from '../support/databases.js';

export interface Harness {
  readonly app: App;
  readonly handle: DatabaseHandle;
  readonly metrics: Metrics;
  /** Every log line so far, parsed. */
  logs(): Record<string, unknown>[];
}

export interface HarnessOptions {
  readonly now?: Date;
  readonly seed?: boolean;
  readonly env?: Env;
  readonly routes?: readonly MountedRoutes[];
  readonly webhooks?: readonly Webhook[];
  /** The Telegram bot's username as getMe gave it (the web pages link to it). */
  readonly telegramUsername?: string;
}

/** 2026-03-01: Foro Penal's count of 2025-12-20 is then more than 30 days old. */
export const MARCH_2026 = new Date('2026-03-01T12:00:00Z');

export async function buildApp(handle: DatabaseHandle, options: HarnessOptions = {}): Promise<Harness> {
  const now = options.now ?? MARCH_2026;
  if (options.seed ?? true) await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2025-12-26T00:00:00Z') });
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const metrics = createMetrics();
  const app = createApp({
    handle,
    cache: createReadCache(handle.capabilities.dataVersion),
    config: loadConfig(options.env ?? {}),
    logger: createLogger({ level: 'debug', destination: stream }),
    metrics,
    now: () => now,
    telegramUsername: () => options.telegramUsername ?? null,
    routes: options.routes ?? [],
    webhooks: options.webhooks ?? [],
  });
  const logs = () => chunks.join('').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { app, handle, metrics, logs };
}

export async function getJson(app: App, path: string): Promise<{ status: number; body: unknown }> {
  const response = await app.request(path);
  return { status: response.status, body: await response.json() };
}

/**
 * `tests` once per test database (SQLite, PostgreSQL), each test with a fresh database and the
 * app over it; `current()` is the running test's harness (its `handle` is the database), `dialect`
 * opens another database of the same kind.
 */
export function describeAppOnEachDialect(title: string, options: HarnessOptions, tests: (current: () => Harness, dialect: TestDialect) => void): void {
  for (const dialect of dialects) {
    describe.skipIf(!dialect.available)(`${title} (${dialect.name})`, () => {
      let harness: Harness | undefined;
      beforeEach(async () => {
        harness = await buildApp(await dialect.open(), options);
      });
      afterEach(async () => {
        await harness?.handle.close();
        harness = undefined;
      });
      tests(() => {
        if (harness === undefined) throw new Error('the harness exists only while a test runs');
        return harness;
      }, dialect);
    });
  }
}
