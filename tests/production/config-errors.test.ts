// `cifras serve` with a bad configuration, as a newcomer would meet it: the process stops with a
// non-zero exit and a message on stderr that names the variable and says how to fix it — not a
// stack trace, and never a password from DATABASE_URL.
import { afterAll, describe, expect, it } from 'vitest';
import { killAllServers, runCli } from './support/server-process.js';

// A V8 stack frame: "    at fn (file:///…:12:3)" or "    at file:///…:12:3".
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

interface Case {
  readonly name: string;
  readonly env: Record<string, string>;
  /** Each must appear in stderr: the variable named, and how to fix it. */
  readonly says: readonly RegExp[];
}

const cases: readonly Case[] = [
  { name: 'PORT=abc', env: { PORT: 'abc' }, says: [/PORT is "abc"/, /set PORT to a whole number/] },
  { name: 'DEFAULT_LOCALE=fr', env: { DEFAULT_LOCALE: 'fr' }, says: [/DEFAULT_LOCALE is "fr"/, /es or en/] },
  {
    name: 'CIFRAS_OWNERS=telegram:abc',
    env: { CIFRAS_OWNERS: 'telegram:abc' },
    says: [/CIFRAS_OWNERS has the malformed entry "telegram:abc"/, /platform:user-id/],
  },
  {
    name: 'a Telegram token and PUBLIC_URL without TELEGRAM_WEBHOOK_SECRET',
    env: { TELEGRAM_BOT_TOKEN: '123456:AAE-test_token', PUBLIC_URL: 'https://cifras.example.org' },
    says: [/TELEGRAM_WEBHOOK_SECRET is not/, /set TELEGRAM_WEBHOOK_SECRET to/],
  },
  {
    name: 'DATABASE_URL=mysql://x',
    env: { DATABASE_URL: 'mysql://x' },
    says: [/DATABASE_URL has the scheme "mysql:"/, /use sqlite:<path>.*postgres:\/\//],
  },
  {
    name: 'an unreachable PostgreSQL',
    env: { DATABASE_URL: 'postgres://postgres:pg-password-7f3a@127.0.0.1:1/x' },
    // What a newcomer needs: which variable, that the database could not be reached, what to check.
    says: [/DATABASE_URL/, /reach|connect/i, /127\.0\.0\.1:1/],
  },
  {
    name: 'an SQLite file that cannot be created',
    env: { DATABASE_URL: 'sqlite:/dev/null/sub/cifras.db' },
    says: [/DATABASE_URL/, /\/dev\/null\/sub/],
  },
];

describe.concurrent('cifras serve with a bad configuration', () => {
  afterAll(killAllServers);

  for (const { name, env, says } of cases) {
    it(`${name}: exits non-zero, names the problem and the fix, no stack trace`, async () => {
      const run = await runCli({ DATABASE_URL: 'sqlite::memory:', ...env }, ['serve', '--no-worker']);
      expect(run.signal, run.stderr).toBeNull();
      expect(run.code, run.stderr).not.toBe(0);
      for (const pattern of says) expect(run.stderr).toMatch(pattern);
      expect(run.stderr).not.toMatch(STACK_FRAME);
      expect(run.stderr + run.stdout).not.toContain('pg-password-7f3a');
      // It stopped before listening.
      expect(run.stdout).not.toMatch(/cifras listening/);
    }, 120_000);
  }

  it('reports every problem at once, one line each', async () => {
    const run = await runCli({ PORT: 'abc', DEFAULT_LOCALE: 'fr', CIFRAS_OWNERS: 'telegram:abc', DATABASE_URL: 'mysql://x' }, ['serve']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/4 configuration problems/);
    for (const variable of ['PORT', 'DEFAULT_LOCALE', 'CIFRAS_OWNERS', 'DATABASE_URL']) {
      expect(run.stderr.split('\n').filter((line) => line.startsWith(`  - ${variable} `))).toHaveLength(1);
    }
    expect(run.stderr).not.toMatch(STACK_FRAME);
  }, 120_000);
});
