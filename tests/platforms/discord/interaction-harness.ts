// Drives the real Discord interactions endpoint: a seeded test database, a pinned clock, a fake
// Discord REST API for follow-ups, and interactions shaped as Discord documents them, signed with
// a locally generated Ed25519 key.
import { REST } from '@discordjs/rest';
import type { APIEmbed } from 'discord-api-types/v10';
import type { DatabaseHandle } from '../../../db/connect.js';
import { commands } from '../../../commands/index.js';
import { loadConfig } from '../../../src/config.js';
import type { AnyCommand } from '../../../src/core/command.js';
import { createRegistry } from '../../../src/core/registry.js';
import { seedIfEmpty } from '../../../src/domain/seed.js';
import { createLogger } from '../../../src/logger.js';
import { createMetrics, type Metrics } from '../../../src/metrics.js';
import { createBackgroundTasks, type BackgroundTasks } from '../../../src/platforms/discord/background-tasks.js';
import { createReadCache } from '../../../src/domain/read-cache.js';
import { discordInteractionRoutes } from '../../../src/platforms/discord/interaction-routes.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../../fakes/fake-discord-api.js';
import { createInteractionSigner, type InteractionSigner } from '../../support/discord-signing.js';
import { APPLICATION_ID } from '../../support/discord-interactions.js';

export * from '../../support/discord-interactions.js';
/** 2026-03-01: Foro Penal's count of 2025-12-20 is then more than 30 days old. */
export const NOW = new Date('2026-03-01T12:00:00Z');

export interface DiscordHarness {
  readonly handle: DatabaseHandle;
  readonly api: FakeDiscordApi;
  readonly metrics: Metrics;
  readonly tasks: BackgroundTasks;
  readonly signer: InteractionSigner;
  /** Signs and posts an interaction; returns status and parsed JSON. */
  send(interaction: object): Promise<{ status: number; body: Answer }>;
  post(body: string, headers: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** An interaction response as the tests read it (every kind's fields optional). */
export interface Answer {
  readonly type: number;
  readonly data?: {
    readonly embeds?: readonly APIEmbed[];
    readonly components?: readonly { readonly components: readonly { readonly custom_id: string; readonly label: string }[] }[];
    readonly allowed_mentions?: { readonly parse: readonly string[] };
    readonly flags?: number;
    readonly choices?: readonly { readonly name: string; readonly value: string | number }[];
  };
}

export interface HarnessOptions {
  readonly commands?: readonly AnyCommand[];
  readonly deferAfterMs?: number;
  readonly seed?: boolean;
  /** Variables added to the harness's configuration (e.g. PUBLIC_URL). */
  readonly env?: Readonly<Record<string, string>>;
}

export async function startDiscordHarness(handle: DatabaseHandle, options: HarnessOptions = {}): Promise<DiscordHarness> {
  if (options.seed ?? true) await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2025-12-26T00:00:00Z') });
  const api = await startFakeDiscordApi();
  const signer = createInteractionSigner();
  const config = loadConfig({
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_BOT_TOKEN: 'test-bot-token',
    DISCORD_API_BASE: api.url,
    ...options.env,
  });
  const metrics = createMetrics();
  const tasks = createBackgroundTasks();
  const routes = discordInteractionRoutes({
    db: handle.db,
    cache: createReadCache(handle.capabilities.dataVersion),
    config,
    logger: createLogger({ level: 'silent' }),
    metrics,
    registry: createRegistry(options.commands ?? commands),
    now: () => NOW,
    rest: new REST({ version: '10', api: api.url, retries: 0 }),
    tasks,
    ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
  });
  const post = (body: string, headers: Record<string, string>) =>
    Promise.resolve(routes.request('/discord/interactions', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }));
  return {
    handle,
    api,
    metrics,
    tasks,
    signer,
    post,
    async send(interaction) {
      const body = JSON.stringify(interaction);
      const response = await post(body, { ...signer.sign(body) });
      return { status: response.status, body: (await response.json()) as Answer };
    },
    async close() {
      await tasks.drain();
      await api.close();
      await handle.close();
    },
  };
}
