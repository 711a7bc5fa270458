// What every request gets from the app: request ids, metrics by route pattern, health probes,
// JSON 404s, and one error boundary that maps domain errors to statuses.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connect.js';
import { DomainError, type DomainErrorCode } from '../../src/domain/errors.js';
import type { AppEnv } from '../../src/http/app.js';
import { buildApp, describeAppOnEachDialect, getJson, type Harness } from './harness.js';

function throwingRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/test/domain/:code', (c) => {
    throw new DomainError(c.req.param('code') as DomainErrorCode, { input: 'x' });
  });
  routes.get('/test/crash', () => {
    throw new Error('database password is hunter2');
  });
  routes.get('/test/unauthorized', () => {
    throw new HTTPException(401, { res: new Response('no', { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="cifras"' } }) });
  });
  return routes;
}

/** Stand-ins for the platform webhooks, given to the app as the platforms give theirs: only their paths matter here. */
const webhooks = [
  { path: '/telegram/webhook', routes: new Hono<AppEnv>().post('/telegram/webhook', (c) => c.body(null, 200)) },
  { path: '/discord/interactions', routes: new Hono<AppEnv>().post('/discord/interactions', (c) => c.json({ type: 1 })) },
];

describeAppOnEachDialect('app', { seed: false, routes: [{ at: '/', routes: throwingRoutes() }], webhooks }, (current, dialect) => {
  let h: Harness;
  beforeEach(() => {
    h = current();
  });

  it('answers /healthz and /readyz', async () => {
    expect(await getJson(h.app, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await getJson(h.app, '/readyz')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers /readyz 503 once the database is closed', async () => {
    const closed = await dialect.open();
    const app = (await buildApp(closed, { seed: false })).app;
    await closed.close();
    expect(await getJson(app, '/readyz')).toEqual({ status: 503, body: { status: 'unavailable', reason: 'database unreachable' } });
  });

  it('gives every answer a request id, keeping a well-formed incoming one', async () => {
    const generated = await h.app.request('/healthz');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await h.app.request('/nowhere', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    expect(h.logs().find((l) => l.path === '/nowhere')).toMatchObject({ requestId: 'abc-123', status: 404, route: 'unmatched' });
  });

  it('logs a request id for the platform webhooks but does not echo it to Telegram or Discord', async () => {
    for (const path of ['/telegram/webhook', '/discord/interactions']) {
      const answer = await h.app.request(path, { method: 'POST' });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-request-id')).toBeNull();
      expect(h.logs().find((l) => l.path === path)).toMatchObject({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 200 });
    }
  });

  it('counts requests in /metrics by route pattern, not raw path', async () => {
    await h.app.request('/api/v1/indicators/political-prisoners');
    await h.app.request('/api/v1/indicators/other');
    const response = await h.app.request('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('http_requests_total{route="/api/v1/indicators/:slug",method="GET",status="404"} 2');
    expect(text).toMatch(/http_request_duration_seconds_count\{route="\/api\/v1\/indicators\/:slug",method="GET",status="404"\} 2/);
    expect(text).not.toContain('political-prisoners');
  });

  it('answers unknown routes with a JSON 404', async () => {
    expect(await getJson(h.app, '/api/v2/nothing')).toEqual({
      status: 404,
      body: {
        error: { code: 'not_found', message: 'No hay nada en GET /api/v2/nothing. La API está descrita en /api/docs.', params: { method: 'GET', path: '/api/v2/nothing' } },
      },
    });
  });

  it.each([
    ['unknown_source', 404], ['figure_not_found', 404], ['forbidden', 403], ['invalid_value', 422],
    ['future_date', 422], ['figure_retracted', 409], ['unchanged_value', 409],
  ] as const)('maps DomainError %s to %i with its code and params', async (code, status) => {
    const answer = await getJson(h.app, `/test/domain/${code}`);
    expect(answer).toMatchObject({ status, body: { error: { code, message: expect.any(String), params: { input: 'x' } } } });
  });

  it('keeps the status and challenge of an HTTPException', async () => {
    const response = await h.app.request('/test/unauthorized');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="cifras"');
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('answers an unexpected error 500 with the request id, logged once, its text never sent', async () => {
    const response = await h.app.request('/test/crash', { headers: { 'X-Request-Id': 'req-42' } });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal_error', params: { requestId: 'req-42' } } });
    const errors = h.logs().filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ requestId: 'req-42', msg: 'unhandled error', err: { message: 'database password is hunter2' } });
    expect(h.logs().find((l) => l.msg === 'request')).toMatchObject({ route: '/test/crash', status: 500 });
  });
});

describe('readiness before migrations', () => {
  it('answers /readyz 503 on a database without the schema', async () => {
    const handle = await openDatabase('sqlite::memory:');
    try {
      const { app } = await buildApp(handle, { seed: false });
      expect(await getJson(app, '/readyz')).toEqual({ status: 503, body: { status: 'unavailable', reason: 'migrations pending: run `cifras migrate`' } });
    } finally {
      await handle.close();
    }
  });
});
