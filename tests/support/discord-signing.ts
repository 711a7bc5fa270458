// Signs interactions exactly as Discord does: Ed25519 over the X-Signature-Timestamp value
// followed by the raw body, hex in X-Signature-Ed25519. The key pair is generated locally; the
// public key is its raw 32 bytes in hex, the form the developer portal shows (DISCORD_PUBLIC_KEY).
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface SignatureHeaders {
  readonly 'x-signature-ed25519': string;
  readonly 'x-signature-timestamp': string;
}

export interface InteractionSigner {
  /** 64 hex characters. */
  readonly publicKeyHex: string;
  /** Headers for `body` (the exact string sent); timestamp defaults to now in Unix seconds. */
  sign(body: string, timestamp?: string): SignatureHeaders;
}

/** A fresh key pair and a signer for it. */
export function createInteractionSigner(): InteractionSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKeyHex: rawPublicKeyHex(publicKey), sign: (body, timestamp) => signWith(privateKey, body, timestamp) };
}

function rawPublicKeyHex(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.x === undefined) throw new Error('an Ed25519 public key exports its x coordinate');
  return Buffer.from(jwk.x, 'base64url').toString('hex');
}

function signWith(privateKey: KeyObject, body: string, timestamp = String(Math.floor(Date.now() / 1000))): SignatureHeaders {
  const signature = sign(null, Buffer.from(timestamp + body, 'utf8'), privateKey).toString('hex');
  return { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
}

const defaultSigner = createInteractionSigner();

/** The public key of this test run's default key pair. */
export const publicKeyHex = defaultSigner.publicKeyHex;

/** Signs with this test run's default key pair. */
export function signInteraction(body: string, timestamp?: string): SignatureHeaders {
  return defaultSigner.sign(body, timestamp);
}
