// The body size limit over real sockets (@hono/node-server), where it matters how the body is
// read: a declared Content-Length is judged by the header, a chunked body by hono's streaming
// check, and a body within the limit reaches the handler whole either way.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimit } from '../../src/http/body-limit.js';

const MAX = 1024;

describe('bodyLimit', () => {
  let server: ServerType;
  let base: string;

  beforeAll(async () => {
    const app = new Hono();
    app.post('/default', bodyLimit({ maxSize: MAX }), async (c) => c.text(String((await c.req.text()).length)));
    app.post('/custom', bodyLimit({ maxSize: MAX, onError: (c) => c.json({ error: 'too_large' }, 413) }), async (c) =>
      c.text(String((await c.req.arrayBuffer()).byteLength)),
    );
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string, body: string) => fetch(`${base}${path}`, { method: 'POST', body });
  const postChunked = (path: string, body: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      // A stream body has no length known in advance: fetch sends it chunked.
      body: new ReadableStream({
        start(controller) {
          const bytes = new TextEncoder().encode(body);
          for (let at = 0; at < bytes.length; at += 300) controller.enqueue(bytes.subarray(at, at + 300));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);

  it('lets a body of declared length up to the limit through, whole', async () => {
    const response = await post('/custom', 'x'.repeat(MAX));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(String(MAX));
  });

  it('refuses a declared length over the limit with 413, by default and with a custom answer', async () => {
    const plain = await post('/default', 'x'.repeat(MAX + 1));
    expect(plain.status).toBe(413);
    expect(await plain.text()).toBe('Payload Too Large');
    const custom = await post('/custom', 'x'.repeat(MAX + 1));
    expect(custom.status).toBe(413);
    expect(await custom.json()).toEqual({ error: 'too_large' });
  });

  it('measures a chunked body as it streams: within the limit it is read whole, over it 413', async () => {
    const within = await postChunked('/default', 'y'.repeat(MAX - 10));
    expect(within.status).toBe(200);
    expect(await within.text()).toBe(String(MAX - 10));
    const over = await postChunked('/custom', 'y'.repeat(MAX * 3));
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ error: 'too_large' });
  });
});
