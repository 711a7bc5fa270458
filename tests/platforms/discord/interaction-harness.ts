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
import { discordInteractionRoutes } from '../../../src/platforms/discord/interaction-routes.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../../fakes/fake-discord-api.js';
import { createInteractionSigner, type InteractionSigner } from '../../support/discord-signing.js';

export const APPLICATION_ID = '1234567890123456789';
export const GUILD_ID = '1111111111111111111';
export const CHANNEL_ID = '2222222222222222222';
export const USER_ID = '80351110224678912';
/** 2026-03-01: Foro Penal's count of 2025-12-20 is then more than 30 days old. */
export const NOW = new Date('2026-03-01T12:00:00Z');

/** Manage Channels (1 << 4) plus View Channel and Send Messages. */
export const MANAGE_CHANNELS = String((1n << 4n) | (1n << 10n) | (1n << 11n));
/** View Channel and Send Messages only. */
export const PLAIN_MEMBER = String((1n << 10n) | (1n << 11n));

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
  });
  const metrics = createMetrics();
  const tasks = createBackgroundTasks();
  const routes = discordInteractionRoutes({
    db: handle.db,
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

let nextId = 1_300_000_000_000_000_000n;

/** A fresh interaction id (a snowflake, as a string). */
export function interactionId(): string {
  return String(nextId++);
}

export interface Where {
  /** A server channel (default) with the member's permissions, or a DM. */
  readonly dm?: boolean;
  readonly permissions?: string;
  readonly locale?: string;
  readonly id?: string;
  readonly channel?: object;
}

const discordUser = { id: USER_ID, username: 'lectora', discriminator: '0', global_name: 'Lectora', avatar: null };

/** The fields every interaction carries, for a server channel or a DM. */
export function envelope(type: number, where: Where = {}): Record<string, unknown> {
  const id = where.id ?? interactionId();
  const base = {
    id,
    application_id: APPLICATION_ID,
    type,
    token: `token-${id}`,
    version: 1,
    locale: where.locale ?? 'es-ES',
    app_permissions: '2248473465835073',
    entitlements: [],
    attachment_size_limit: 10485760,
  };
  if (where.dm === true) {
    return {
      ...base,
      user: discordUser,
      channel_id: '3333333333333333333',
      channel: { id: '3333333333333333333', type: 1, flags: 0, last_message_id: null, recipients: [discordUser] },
      context: 1,
      authorizing_integration_owners: { '0': APPLICATION_ID },
    };
  }
  return {
    ...base,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, locale: 'es-419', features: [] },
    guild_locale: 'es-419',
    channel_id: CHANNEL_ID,
    channel: where.channel ?? { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general', position: 0, flags: 0, parent_id: null, nsfw: false, permissions: '2248473465835073' },
    member: {
      user: discordUser,
      roles: [],
      permissions: where.permissions ?? PLAIN_MEMBER,
      joined_at: '2025-01-01T00:00:00.000000+00:00',
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
      premium_since: null,
    },
    context: 0,
    authorizing_integration_owners: { '0': GUILD_ID },
  };
}

type OptionValue = string | number;

/** A slash command (type 2) with string or integer options by name. */
export function slashCommand(name: string, options: Record<string, OptionValue> = {}, where: Where = {}): Record<string, unknown> {
  return {
    ...envelope(2, where),
    data: { id: '9999999999999999999', name, type: 1, options: Object.entries(options).map(([n, v]) => ({ name: n, type: typeof v === 'number' ? 4 : 3, value: v })) },
  };
}

/** An autocomplete request (type 4) while typing `value` into option `focused`. */
export function autocomplete(name: string, focused: string, value: string, where: Where = {}): Record<string, unknown> {
  return { ...envelope(4, where), data: { id: '9999999999999999999', name, type: 1, options: [{ name: focused, type: 3, value, focused: true }] } };
}

/** A button press (type 3) on a message the bot sent. */
export function buttonPress(customId: string, where: Where = {}): Record<string, unknown> {
  return {
    ...envelope(3, where),
    message: { id: '4444444444444444444', channel_id: CHANNEL_ID, content: '', embeds: [], components: [], type: 20, author: { id: APPLICATION_ID, username: 'cifras', bot: true } },
    data: { custom_id: customId, component_type: 2 },
  };
}
