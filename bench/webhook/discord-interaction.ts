// Discord `/count indicator:<slug>` slash-command interactions as Discord sends them to the
// interactions endpoint (a server channel, a member with ordinary permissions), signed in advance
// with a locally generated Ed25519 key exactly as Discord signs them (tests/support/discord-signing):
// the signature covers timestamp + body, so each distinct body needs its own, and signing during
// the load would measure the load generator instead of the server.
import type { InteractionSigner } from '../../tests/support/discord-signing.js';
import { DISCORD_APPLICATION_ID } from './server-spec.js';

export interface SignedRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
}

const GUILD_ID = '1111111111111111111';
const CHANNEL_ID = '2222222222222222222';
const FIRST_USER = 80351110224678912n;
const USERS = 1000;
const FIRST_INTERACTION = 1_300_000_000_000_000_000n;

/** The JSON body of the n-th interaction, asking `/count` about `slug`. */
export function countInteraction(n: number, slug: string): string {
  const id = String(FIRST_INTERACTION + BigInt(n));
  const user = { id: String(FIRST_USER + BigInt(n % USERS)), username: `reader${n % USERS}`, discriminator: '0', global_name: 'Lectora', avatar: null };
  return JSON.stringify({
    id,
    application_id: DISCORD_APPLICATION_ID,
    type: 2,
    token: `token-${id}`,
    version: 1,
    locale: 'es-ES',
    app_permissions: '2248473465835073',
    entitlements: [],
    attachment_size_limit: 10485760,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, locale: 'es-419', features: [] },
    guild_locale: 'es-419',
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general', position: 0, flags: 0, parent_id: null, nsfw: false, permissions: '2248473465835073' },
    member: {
      user,
      roles: [],
      permissions: String((1n << 10n) | (1n << 11n)),
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
    data: { id: '9999999999999999999', name: 'count', type: 1, options: [{ name: 'indicator', type: 3, value: slug }] },
  });
}

/** `size` signed `/count` interactions, the n-th asking about `slugOf(n)`. */
export function signedPool(signer: InteractionSigner, size: number, slugOf: (n: number) => string): SignedRequest[] {
  return Array.from({ length: size }, (_, n) => {
    const body = countInteraction(n, slugOf(n));
    return { body, headers: { 'content-type': 'application/json', ...signer.sign(body) } };
  });
}
