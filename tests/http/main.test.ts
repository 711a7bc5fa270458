// startServer as `cifras serve` runs it: a real listening server on a free port, migrated and
// seeded, that shuts down gracefully.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { ConfigError } from '../../src/config.js';
import type { AppEnv } from '../../src/http/app.js';
import { startServer, type ServerHandle } from '../../src/main.js';
import type { Platform } from '../../src/platforms/platform.js';

describe('startServer', () => {
  let dir: string;
  let env: Record<string, string>;
  const running: ServerHandle[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cifras-main-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'data', 'cifras.db')}`, PORT: '0', LOG_LEVEL: 'silent' };
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(options: Parameters<typeof startServer>[0] = {}): Promise<ServerHandle> {
    const server = await startServer({ env, handleSignals: false, ...options });
    running.push(server);
    return server;
  }

  it('serves the seeded demo data on a free port, then stops and frees it', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const response = await fetch(`${server.url}/api/v1/indicators/political-prisoners`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ latest: [{ source: { slug: 'foro-penal' }, value: { exact: 902 } }] });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('mounts the write API behind ADMIN_API_TOKEN', async () => {
    env.ADMIN_API_TOKEN = 'main-test-token';
    const server = await start();
    const figure = { indicator: 'political-prisoners', source: 'foro-penal', value: '1.085', asOf: '2026-01-31', url: 'https://foropenal.com/r/9' };
    const post = (token: string) => fetch(`${server.url}/api/v1/figures`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(figure),
    });
    expect((await post('wrong')).status).toBe(401);
    const created = await post('main-test-token');
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: expect.any(Number), value: { exact: 1085 } });
    const summary = await (await fetch(`${server.url}/api/v1/indicators/political-prisoners`)).json();
    expect(summary).toMatchObject({ latest: [{ value: { exact: 1085 }, asOf: { text: '2026-01-31' } }] });
  });

  it('starts empty with CIFRAS_SEED=false, and keeps data across restarts', async () => {
    env.CIFRAS_SEED = 'false';
    const first = await start();
    expect(await (await fetch(`${first.url}/api/v1/indicators`)).json()).toEqual({ indicators: [] });
    await first.close();
    env.CIFRAS_SEED = 'true';
    const second = await start();
    await second.close();
    const third = await start({ env: { ...env, CIFRAS_SEED: 'false' } });
    const body = (await (await fetch(`${third.url}/api/v1/indicators`)).json()) as { indicators: unknown[] };
    expect(body.indicators).toHaveLength(3);
  });

  it('rejects a bad environment with every problem, before opening anything', async () => {
    const error: unknown = await startServer({ env: { ...env, PORT: 'x', DEFAULT_LOCALE: 'fr' }, handleSignals: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(2);
  });

  it('explains a port already in use', async () => {
    const first = await start();
    await expect(start({ env: { ...env, PORT: String(first.port) } })).rejects.toThrow(/already in use: .*set PORT/);
  });

  it('lets a request in flight finish, then stops services before closing the database', async () => {
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const events: string[] = [];
    // A platform as the composition root sees one: a route at its own path, a service beside it.
    const probe: Platform = {
      name: 'telegram',
      enabled: () => true,
      serve: ({ db }) => ({
        webhooks: [{ path: '/slow', routes: new Hono<AppEnv>().get('/slow', async (c) => {
          events.push('request started');
          await gate;
          return c.text('done');
        }) }],
        services: [async () => ({
          name: 'probe',
          stop: async () => {
            await db.selectFrom('indicators').select('id').execute();
            events.push('service stopped with the database open');
          },
        })],
      }),
      sender: () => {
        throw new Error('not used');
      },
      register: async () => 'not used',
    };
    const server = await start({ platforms: [probe] });
    const inFlight = fetch(`${server.url}/slow`);
    await expect.poll(() => events).toContain('request started');
    const closing = server.close().then(() => events.push('closed'));
    await new Promise((r) => setTimeout(r, 50));
    expect(events).not.toContain('closed');
    release();
    const response = await inFlight;
    expect(await response.text()).toBe('done');
    await closing;
    expect(events).toEqual(['request started', 'service stopped with the database open', 'closed']);
  });

  it('exits 0 on SIGTERM once shut down', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('tests', 'http', 'serve-child.ts')], {
      // Only PATH from outside: a developer's own TELEGRAM_* or DATABASE_URL must not leak in.
      env: { PATH: process.env.PATH, ...env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await expect.poll(() => output, { timeout: 45_000 }).toMatch(/READY http:\/\/127\.0\.0\.1:\d+/);
    const url = /READY (\S+)/.exec(output)?.[1];
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const started = Date.now();
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(output).toMatch(/"signal":"SIGTERM"[\s\S]*"msg":"stopped"/);
  }, 60_000); // tsx compiles the whole server in the child first: slow on a busy machine
});
