// Discord interactions shaped as Discord documents them (a server channel with a member, or a DM):
// the bodies the tests post to the interactions endpoint and the webhook benchmark signs in advance.
// Pure data, no app: the benchmark's load generator imports it without loading cifras.

export const APPLICATION_ID = '1234567890123456789';
export const GUILD_ID = '1111111111111111111';
export const CHANNEL_ID = '2222222222222222222';
export const USER_ID = '80351110224678912';

/** Manage Channels (1 << 4) plus View Channel and Send Messages. */
export const MANAGE_CHANNELS = String((1n << 4n) | (1n << 10n) | (1n << 11n));
/** View Channel and Send Messages only. */
export const PLAIN_MEMBER = String((1n << 10n) | (1n << 11n));

let nextId = 1_300_000_000_000_000_000n;

/** A fresh interaction id (a snowflake, as a string). */
export function interactionId(): string {
  return String(nextId++);
}

export interface Where {
  /** The user asking (default: one fixed reader). */
  readonly user?: object;
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
  const user = where.user ?? discordUser;
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
      user,
      channel_id: '3333333333333333333',
      channel: { id: '3333333333333333333', type: 1, flags: 0, last_message_id: null, recipients: [user] },
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
      user,
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
