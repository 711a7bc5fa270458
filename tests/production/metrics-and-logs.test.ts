// What an operator sees of a running `cifras serve`: /metrics after a few requests (requests by
// route pattern and status, with durations; the command, webhook and delivery series), and the
// JSON log on stdout — a request id on every request line, and never a secret: the admin token,
// the Telegram token, the webhook secret or an Authorization header value, right or wrong.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_INTERACTIONS_PATH } from '../../src/platforms/discord/interaction-routes.js';
import { TELEGRAM_WEBHOOK_PATH } from '../../src/platforms/telegram/webhook-routes.js';

const PLATFORM_WEBHOOK_PATHS: ReadonlySet<string> = new Set([TELEGRAM_WEBHOOK_PATH, DISCORD_INTERACTIONS_PATH]);
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';
import { messageUpdate } from '../platforms/telegram/telegram-harness.js';
import { killAllServers, logLines, spawnServer, waitReady, type ServerProcess } from './support/server-process.js';

const secret = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;
const ADMIN_TOKEN = secret('adm-');
const TELEGRAM_TOKEN = `7001:${secret('tg-')}`;
const WEBHOOK_SECRET = secret('whs_');
const WRONG_TOKEN = secret('wrong-');
const MY_REQUEST_ID = secret('prodtest-');

interface Sent {
  readonly path: string;
  readonly status: number;
  /** The X-Request-Id answered. */
  readonly requestId: string | null;
  /** The X-Request-Id sent, if any. */
  readonly askedId: string | null;
}

describe('a running server: metrics and logs', () => {
  let dir: string;
  let api: FakeTelegramApi;
  let server: ServerProcess;
  const sent: Sent[] = [];
  let metrics = '';

  async function request(path: string, init: RequestInit = {}): Promise<Sent> {
    const response = await fetch(`${server.url}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    const askedId = new Headers(init.headers).get('x-request-id');
    const entry = { path, status: response.status, requestId: response.headers.get('x-request-id'), askedId };
    sent.push(entry);
    return entry;
  }

  const postFigure = (token: string, headers: Record<string, string> = {}) =>
    request('/api/v1/figures', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ indicator: 'political-prisoners', source: 'foro-penal', value: '1.111', asOf: '2025-12-24', url: 'https://foropenal.com/m' }),
    });

  const postUpdate = (headers: Record<string, string>) =>
    request('/telegram/webhook', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(messageUpdate('/count presos políticos')),
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cifras-observe-'));
    api = await startFakeTelegramApi();
    server = await spawnServer({
      DATABASE_URL: `sqlite:${join(dir, 'cifras.db')}`,
      LOG_LEVEL: 'info',
      ADMIN_API_TOKEN: ADMIN_TOKEN,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_ROOT: api.url,
      PUBLIC_URL: 'https://cifras.example.org',
    });
    await waitReady(server);
    await request('/api/v1/indicators/political-prisoners');
    await request('/api/v1/indicators/political-prisoners');
    await request('/api/v1/indicators/no-such-indicator');
    await request('/no/such/path');
    await postFigure(WRONG_TOKEN);
    await postFigure(ADMIN_TOKEN, { 'X-Request-Id': MY_REQUEST_ID });
    await postUpdate({});
    await postUpdate({ 'X-Telegram-Bot-Api-Secret-Token': WRONG_TOKEN });
    await postUpdate({ 'X-Telegram-Bot-Api-Secret-Token': WEBHOOK_SECRET });
    const scrape = await fetch(`${server.url}/metrics`);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain/);
    metrics = await scrape.text();
    // Stopped first so that the log is complete, shutdown lines included.
    await server.kill('SIGTERM');
  }, 180_000);

  afterAll(async () => {
    await killAllServers();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts HTTP requests by route pattern, method and status, with durations', () => {
    expect(metrics).toMatch(/^http_requests_total\{route="\/api\/v1\/indicators\/:slug",method="GET",status="200"\} 2$/m);
    expect(metrics).toMatch(/^http_requests_total\{route="\/api\/v1\/indicators\/:slug",method="GET",status="404"\} 1$/m);
    expect(metrics).toMatch(/^http_requests_total\{route="\/api\/v1\/figures",method="POST",status="401"\} 1$/m);
    expect(metrics).toMatch(/^http_requests_total\{route="\/api\/v1\/figures",method="POST",status="201"\} 1$/m);
    expect(metrics).toMatch(/^http_request_duration_seconds_count\{route="\/api\/v1\/figures",method="POST",status="201"\} 1$/m);
    expect(metrics).toMatch(/^http_request_duration_seconds_bucket\{le="0\.1",route="\/api\/v1\/indicators\/:slug",method="GET",status="200"\} \d+$/m);
    // Raw paths never become labels: one series for everything unmatched.
    expect(metrics).toMatch(/^http_requests_total\{route="unmatched",method="GET",status="404"\} 1$/m);
    expect(metrics).not.toMatch(/no-such|\/no\/such\/path/);
  });

  it('exposes the command, webhook and delivery series and process metrics', () => {
    for (const [name, type] of [
      ['commands_total', 'counter'],
      ['webhook_rejected_total', 'counter'],
      ['deliveries_total', 'counter'],
      ['delivery_backlog', 'gauge'],
      ['delivery_oldest_age_seconds', 'gauge'],
    ]) {
      expect(metrics).toContain(`# TYPE ${name} ${type}`);
    }
    expect(metrics).toMatch(/^delivery_backlog \d+$/m);
    expect(metrics).toMatch(/^delivery_oldest_age_seconds \d+(\.\d+)?$/m);
    expect(metrics).toMatch(/^process_cpu_seconds_total \d/m);
  });

  it('counts rejected webhook calls and commands by name, platform and outcome', () => {
    expect(sent.filter((s) => s.path === '/telegram/webhook').map((s) => s.status)).toEqual([401, 401, 200]);
    expect(metrics).toMatch(/^webhook_rejected_total\{platform="telegram",reason="bad_secret"\} 2$/m);
    expect(metrics).toMatch(/^commands_total\{command="count",platform="telegram",outcome="ok"\} 1$/m);
  });

  it('logs JSON lines with a request id on every line of a request', () => {
    const lines = logLines(server);
    expect(lines.length).toBeGreaterThan(0);
    // Every line was JSON: stdout is not a terminal.
    expect(server.stdout().trim().split('\n').every((line) => line.startsWith('{'))).toBe(true);
    const requestLines = lines.filter((l) => l.msg === 'request' || 'method' in l || 'path' in l);
    expect(requestLines.length).toBeGreaterThanOrEqual(sent.length);
    for (const line of requestLines) expect(line.requestId, JSON.stringify(line)).toEqual(expect.any(String));
    // Each request's id (the one it was answered with, or the one it sent) is on its access line.
    // The platform webhooks are not told their id (see src/http/request-id.ts): their access lines
    // carry one all the same, one line per update.
    for (const { path, status, requestId, askedId } of sent.filter((s) => !PLATFORM_WEBHOOK_PATHS.has(s.path))) {
      const id = requestId ?? askedId;
      expect(id, path).not.toBeNull();
      const access = lines.filter((l) => l.requestId === id && l.msg === 'request');
      expect(access, `${path} ${status}`).toMatchObject([{ path, status }]);
    }
    const webhookLines = lines.filter((l) => l.msg === 'request' && l.path === '/telegram/webhook');
    expect(webhookLines.map((l) => l.status)).toEqual([401, 401, 200]);
    expect(new Set(webhookLines.map((l) => l.requestId)).size).toBe(3);
    // A caller's own X-Request-Id is kept, so a proxy's id follows the request into the log.
    expect(lines.filter((l) => l.requestId === MY_REQUEST_ID)).toMatchObject([{ path: '/api/v1/figures', status: 201 }]);
    // And every line that carries a request id belongs to a request that was made.
    const ids = new Set([...sent.map((s) => s.requestId ?? s.askedId), ...webhookLines.map((l) => l.requestId)]);
    for (const line of lines.filter((l) => 'requestId' in l)) expect(ids).toContain(line.requestId);
  });

  it('answers every request but the platform webhooks with its X-Request-Id, the id an operator looks up in the log', () => {
    expect(sent.filter((s) => s.requestId === null).map((s) => `${s.path} ${s.status}`)).toEqual([
      '/telegram/webhook 401',
      '/telegram/webhook 401',
      '/telegram/webhook 200',
    ]);
    expect(sent.find((s) => s.askedId === MY_REQUEST_ID)?.requestId).toBe(MY_REQUEST_ID);
  });

  it('never logs a secret', () => {
    const output = server.stdout() + server.stderr();
    expect(output).toMatch(/cifras listening/);
    for (const value of [ADMIN_TOKEN, TELEGRAM_TOKEN, TELEGRAM_TOKEN.split(':')[1], WEBHOOK_SECRET, WRONG_TOKEN, `Bearer ${ADMIN_TOKEN}`]) {
      expect(output).not.toContain(value);
    }
    expect(output).not.toMatch(/Bearer/i);
  });
});
