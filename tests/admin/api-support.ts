// The real HTTP app with the write API mounted at /api/v1, as the composition root mounts it, over
// a test database seeded with the demo data; plus request helpers.
import { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { loadConfig } from '../../src/config.js';
import { createReadCache } from '../../src/domain/read-cache.js';
import { createApp, type App } from '../../src/http/app.js';
import { writeApiRoutes } from '../../src/http/write-api/write-api-routes.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { NOW } from './chat-support.js';

export const TOKEN = 'a3f1c9e0b7d24e5f8a6c1b2d3e4f5a6b';

/** `token: null` runs the server without ADMIN_API_TOKEN (write API off). */
export function buildWriteApp(handle: DatabaseHandle, token: string | null = TOKEN): App {
  const config = loadConfig(token === null ? {} : { ADMIN_API_TOKEN: token });
  const discard = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const cache = createReadCache(handle.capabilities.dataVersion);
  const deps = { handle, cache, config, logger: createLogger({ level: 'silent', destination: discard }), metrics: createMetrics(), now: () => NOW };
  return createApp({ ...deps, routes: [{ at: '/api/v1', routes: writeApiRoutes(deps) }] });
}

export interface ApiCall {
  readonly method?: 'POST' | 'PUT';
  /** Object bodies are sent as JSON; strings as they are. */
  readonly body?: unknown;
  /** Default: the right token. null: no Authorization header. */
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
}

export async function call(app: App, path: string, options: ApiCall = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body ?? {});
  const response = await app.request(path, { method: options.method ?? 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), headers: response.headers };
}

export const FIGURE = {
  indicator: 'political-prisoners',
  source: 'foro-penal',
  value: '863',
  asOf: '2025-12-29',
  url: 'https://example.org/a',
};

/** The figures' current values, newest first, for "what does the database hold now". */
export async function figureIds(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('figures').select('id').orderBy('id', 'desc').execute();
  return rows.map((r) => r.id);
}
