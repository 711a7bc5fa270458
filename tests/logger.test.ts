// The logger never writes a secret, whatever object is logged.
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('redacts every secret in a logged config and keeps the rest', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://cifras:hunter2@db:5432/cifras',
      ADMIN_API_TOKEN: 'admin-secret-1',
      TELEGRAM_BOT_TOKEN: '123:telegram-secret-2',
      TELEGRAM_WEBHOOK_SECRET: 'webhook-secret-3',
      DISCORD_APPLICATION_ID: '42',
      DISCORD_PUBLIC_KEY: 'b'.repeat(64),
      DISCORD_BOT_TOKEN: 'discord-secret-4',
    });
    const { stream, lines } = capture();
    createLogger({ level: 'info', destination: stream }).info({ config }, 'starting');
    const text = JSON.stringify(lines());
    for (const secret of ['hunter2', 'admin-secret-1', 'telegram-secret-2', 'webhook-secret-3', 'discord-secret-4']) {
      expect(text).not.toContain(secret);
    }
    const logged = lines()[0]?.config as Record<string, unknown>;
    expect(logged.databaseUrl).toBe('postgres://cifras:***@db:5432/cifras');
    expect(logged.discord).toMatchObject({ applicationId: '42', botToken: '[redacted]' });
  });

  it('redacts authorization and Telegram secret headers of a logged request', () => {
    const { stream, lines } = capture();
    createLogger({ level: 'info', destination: stream }).info({
      req: { method: 'POST', headers: { authorization: 'Bearer abc', 'x-telegram-bot-api-secret-token': 'shh', 'user-agent': 'ua' } },
    });
    expect(lines()[0]?.req).toEqual({
      method: 'POST',
      headers: { authorization: '[redacted]', 'x-telegram-bot-api-secret-token': '[redacted]', 'user-agent': 'ua' },
    });
  });

  it('honours the level', () => {
    const { stream, lines } = capture();
    const logger = createLogger({ level: 'warn', destination: stream });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines().map((l) => l.msg)).toEqual(['shown']);
  });
});

/** A child process logging through createLogger to its real stdout (a pipe here, as under Docker). */
function loggingChild(script: string): { stdout: () => string; exited: Promise<number | null>; alive: () => boolean; kill: () => void } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import { createLogger } from './src/logger.ts';\n${script}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let alive = true;
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => { alive = false; resolve(code); }));
  return { stdout: () => out, exited, alive: () => alive, kill: () => child.kill() };
}

describe('stdout', () => {
  it('writes a line while the process goes on, without waiting for more lines or the exit', async () => {
    const child = loggingChild(`createLogger({ level: 'info' }).info('first'); setTimeout(() => {}, 15_000);`);
    while (child.alive() && !child.stdout().includes('"msg":"first"')) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(child.alive()).toBe(true);
    child.kill();
    await child.exited;
  }, 20_000);

  it('writes every held line when the process exits at once, from every logger', async () => {
    const child = loggingChild(
      `const a = createLogger({ level: 'info' }); const b = createLogger({ level: 'info' });
       for (let i = 0; i < 3; i++) a.info({ i }, 'line'); b.error('last'); process.exit(3);`,
    );
    expect(await child.exited).toBe(3);
    const lines = child.stdout().trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(['line', 'line', 'line', 'last']);
  }, 20_000);
});
