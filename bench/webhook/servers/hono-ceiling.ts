// The ceiling: a bare Hono route answering fixed JSON — what this machine, Node and Hono can do
// with no work at all. Every other case is measured against it.
import { Hono } from 'hono';
import type { RunningServer } from '../server-spec.js';
import { listen } from './listen.js';

export const CEILING_PATH = '/ceiling';

export async function startHonoCeiling(): Promise<RunningServer> {
  const app = new Hono();
  app.get(CEILING_PATH, (c) => c.json({ ok: true }));
  const server = await listen(app);
  return {
    port: server.port,
    async stop() {
      await server.close();
      return { telegram: [], discord: 0 };
    },
  };
}
