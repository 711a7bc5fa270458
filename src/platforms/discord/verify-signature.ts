// Ed25519 verification of Discord's request signature: X-Signature-Ed25519 over
// X-Signature-Timestamp followed by the raw body, with the application's public key. The key is
// imported once per verifier (discord-interactions would re-import it on every request).
//
// A valid signature is not enough: whoever captured one signed request (a log, a proxy) could
// send it again hours later and have a write applied. Discord signs with the time it sends, so a
// timestamp more than five minutes from this server's clock is refused like a bad signature.
import { webcrypto } from 'node:crypto';
import { verifyKey } from 'discord-interactions';

/** `valid`, or why the request is refused: a signature that does not verify, or a timestamp too far off. */
export type SignatureCheck = 'valid' | 'bad_signature' | 'stale_timestamp';

export type SignatureVerifier = (rawBody: Uint8Array, signature: string, timestamp: string) => Promise<SignatureCheck>;

export interface VerifierOptions {
  /** The transport's clock in milliseconds (not the domain's `now`, which tests pin to a date). */
  readonly clock?: () => number;
  /** How far the signed timestamp may be from the clock, either way; default 300 (five minutes). */
  readonly maxSkewSeconds?: number;
}

export const MAX_SIGNATURE_SKEW_SECONDS = 300;

const HEX_SIGNATURE = /^[0-9a-f]{128}$/i;
/** Unix seconds, as Discord sends them. */
const UNIX_SECONDS = /^\d{1,12}$/;

/** A verifier for one application's public key (64 hex characters). */
export function createSignatureVerifier(publicKeyHex: string, options: VerifierOptions = {}): SignatureVerifier {
  const clock = options.clock ?? Date.now;
  const maxSkew = options.maxSkewSeconds ?? MAX_SIGNATURE_SKEW_SECONDS;
  const key = webcrypto.subtle.importKey('raw', Buffer.from(publicKeyHex, 'hex'), { name: 'Ed25519' }, false, ['verify']);
  // Awaited on the first request; until then a bad key must not be an unhandled rejection.
  key.catch(() => undefined);
  return async (rawBody, signature, timestamp) => {
    // A signature that is not 64 bytes of hex can never verify; skip the crypto.
    if (!HEX_SIGNATURE.test(signature) || !UNIX_SECONDS.test(timestamp)) return 'bad_signature';
    if (!(await verifyKey(rawBody, signature, timestamp, await key))) return 'bad_signature';
    // Checked once the signature holds, so `stale_timestamp` counts genuine requests sent again.
    return Math.abs(clock() / 1000 - Number(timestamp)) > maxSkew ? 'stale_timestamp' : 'valid';
  };
}
