// Floor of case c: a bare Hono route that checks Discord's Ed25519 signature with the same
// verifier the project uses (src/platforms/discord/verify-signature.ts: discord-interactions'
// verifyKey, key imported once) and answers a fixed type-4 response. No JSON parsing, no command.
// Given `answerData` (case g), the fixed response carries that message — a real /count embed —
// so that c/g leaves out what the answer's size alone costs.
import { Hono } from 'hono';
import { createSignatureVerifier } from '../../../src/platforms/discord/verify-signature.js';
import type { RunningServer } from '../server-spec.js';
import { listen } from './listen.js';

export const ED25519_FLOOR_TEXT = 'Fixed answer from the bare Ed25519 route';

export async function startEd25519Floor(publicKeyHex: string, answerData?: object): Promise<RunningServer> {
  const verify = createSignatureVerifier(publicKeyHex);
  // Serialized and encoded once, as cifras does for a kept answer (interaction-routes.ts).
  const response = new TextEncoder().encode(JSON.stringify({ type: 4, data: answerData ?? { content: ED25519_FLOOR_TEXT, allowed_mentions: { parse: [] } } }));
  const app = new Hono();
  app.post('/discord/interactions', async (c) => {
    const signature = c.req.header('x-signature-ed25519') ?? '';
    const timestamp = c.req.header('x-signature-timestamp') ?? '';
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if ((await verify(raw, signature, timestamp)) !== 'valid') return c.json({ error: 'invalid request signature' }, 401);
    return c.body(response, 200, { 'Content-Type': 'application/json' });
  });
  const server = await listen(app);
  return {
    port: server.port,
    async stop() {
      await server.close();
      return { telegram: [], discord: 0 };
    },
  };
}
