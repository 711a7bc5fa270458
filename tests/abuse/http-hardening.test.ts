// Issue 16 item 14, through the real app and a real listening server: nosniff on every response,
// /metrics behind METRICS_TOKEN when it is set, and the server's timeouts and connection cap.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_LIMITS, startServer, type ServerHandle } from '../../src/main.js';
import { buildApp, describeAppOnEachDialect, type Harness } from '../http/harness.js';
import { dialects } from '../support/databases.js';

describeAppOnEachDialect('nosniff', {}, (current) => {
  let h: Harness;
  beforeEach(() => {
    h = current();
  });

  it.each([
    ['GET', '/api/v1/indicators/political-prisoners', 200],
    ['GET', '/api/v1/indicators/political-prisoners/figures?format=csv', 200],
    ['GET', '/api/v1/indicators/%00', 404],
    ['GET', '/no/such/route', 404],
    ['GET', '/healthz', 200],
    ['GET', '/metrics', 200],
  ])('sets X-Content-Type-Options: nosniff on %s %s (%i)', async (method, path, status) => {
    const response = await h.app.request(path, { method });
    expect(response.status).toBe(status);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`/metrics with METRICS_TOKEN (${dialect.name})`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await buildApp(await dialect.open(), { env: { METRICS_TOKEN: 'scrape-secret-1' } });
    });
    afterEach(async () => {
      await h.handle.close();
    });

    it('answers only the bearer token, 401 with a JSON error otherwise; other routes stay open', async () => {
      // RFC 6750, as hono's bearerAuth answers: no or a wrong token 401, another scheme 400.
      for (const [authorization, status, code] of [[undefined, 401, 'unauthorized'], ['Bearer wrong', 401, 'unauthorized'], ['Basic c2NyYXBlLXNlY3JldC0x', 400, 'bad_request']] as const) {
        const response = await h.app.request('/metrics', { headers: authorization === undefined ? {} : { authorization } });
        expect(response.status).toBe(status);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
        expect(await response.json()).toMatchObject({ error: { code } });
      }
      const scraped = await h.app.request('/metrics', { headers: { authorization: 'Bearer scrape-secret-1' } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('http_requests_total');
      expect((await h.app.request('/healthz')).status).toBe(200);
    });
  });
}

describe('server limits', () => {
  let dir: string;
  let server: ServerHandle | undefined;
  const sockets: Socket[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cifras-limits-'));
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await server?.close();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(limits: Parameters<typeof startServer>[0] extends infer O ? (O extends { serverLimits?: infer L } ? L : never) : never) {
    server = await startServer({
      env: { DATABASE_URL: `sqlite:${join(dir, 'cifras.db')}`, PORT: '0', LOG_LEVEL: 'silent' },
      handleSignals: false,
      serverLimits: limits,
    });
    return server;
  }

  function open(port: number): Promise<Socket> {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    return once(socket, 'connect').then(() => socket);
  }

  /** Everything the server sends until it closes the connection. */
  async function untilClosed(socket: Socket): Promise<string> {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    await once(socket, 'close');
    return Buffer.concat(chunks).toString();
  }

  it('are set on purpose: shorter than Node\'s defaults, with a connection cap', () => {
    expect(SERVER_LIMITS).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      connectionsCheckingIntervalMs: 1_000,
      maxConnections: 500,
    });
  });

  it('answers 408 and closes a connection that sends its headers too slowly', async () => {
    const { port } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600, connectionsCheckingIntervalMs: 50 });
    const socket = await open(port);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'); // and never the blank line that ends the headers
    const started = Date.now();
    const answer = await untilClosed(socket);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('drops connections past the cap, and serves again once one closes', async () => {
    const { port, url } = await start({ maxConnections: 2 });
    const held = [await open(port), await open(port)];
    const third = await open(port);
    // Node accepts, sees the cap, and destroys the socket at once: nothing is answered.
    third.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await untilClosed(third)).toBe('');
    held[0]!.destroy();
    await once(held[0]!, 'close');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
