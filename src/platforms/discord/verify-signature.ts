// Ed25519 verification of Discord's request signature: X-Signature-Ed25519 over
// X-Signature-Timestamp followed by the raw body, with the application's public key. The key is
// imported once per verifier (discord-interactions would re-import it on every request).
import { webcrypto } from 'node:crypto';
import { verifyKey } from 'discord-interactions';

export type SignatureVerifier = (rawBody: Uint8Array, signature: string, timestamp: string) => Promise<boolean>;

const HEX_SIGNATURE = /^[0-9a-f]{128}$/i;

/** A verifier for one application's public key (64 hex characters). */
export function createSignatureVerifier(publicKeyHex: string): SignatureVerifier {
  const key = webcrypto.subtle.importKey('raw', Buffer.from(publicKeyHex, 'hex'), { name: 'Ed25519' }, false, ['verify']);
  // Awaited on the first request; until then a bad key must not be an unhandled rejection.
  key.catch(() => undefined);
  return async (rawBody, signature, timestamp) => {
    // A signature that is not 64 bytes of hex can never verify; skip the crypto.
    if (!HEX_SIGNATURE.test(signature) || timestamp === '') return false;
    return verifyKey(rawBody, signature, timestamp, await key);
  };
}
