// The logger never writes a secret, whatever object is logged.
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
