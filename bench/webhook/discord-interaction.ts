// Discord `/count indicator:<slug>` slash-command interactions as Discord sends them to the
// interactions endpoint (a server channel, a member with ordinary permissions), signed in advance
// with a locally generated Ed25519 key exactly as Discord signs them (tests/support/discord-signing):
// the signature covers timestamp + body, so each distinct body needs its own, and signing during
// the load would measure the load generator instead of the server.
import type { InteractionSigner } from '../../tests/support/discord-signing.js';
import { slashCommand } from '../../tests/support/discord-interactions.js';

export interface SignedRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
}

const FIRST_USER = 80351110224678912n;
const USERS = 1000;
const FIRST_INTERACTION = 1_300_000_000_000_000_000n;

/** The JSON body of the n-th interaction: one of many readers asking `/count` about `slug` in a server channel. */
export function countInteraction(n: number, slug: string): string {
  const user = { id: String(FIRST_USER + BigInt(n % USERS)), username: `reader${n % USERS}`, discriminator: '0', global_name: 'Lectora', avatar: null };
  return JSON.stringify(slashCommand('count', { indicator: slug }, { id: String(FIRST_INTERACTION + BigInt(n)), user }));
}

/** `size` signed `/count` interactions, the n-th asking about `slugOf(n)`. */
export function signedPool(signer: InteractionSigner, size: number, slugOf: (n: number) => string): SignedRequest[] {
  return Array.from({ length: size }, (_, n) => {
    const body = countInteraction(n, slugOf(n));
    return { body, headers: { 'content-type': 'application/json', ...signer.sign(body) } };
  });
}
