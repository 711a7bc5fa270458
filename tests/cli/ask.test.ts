// `cifras ask` exit codes: 0 for an answer, 1 for an error reply (printed all the same, on stdout),
// so a script can tell; configuration problems keep exit code 2.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TIMEOUT, runCli } from './run-cli.js';

let dir: string;
let env: Record<string, string>;

describe('cifras ask exit codes', { timeout: CLI_TIMEOUT }, () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cifras-ask-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'ask.db')}` };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 with the answer', async () => {
    const run = await runCli(['ask', '/count political-prisoners', '--lang', 'en'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Political prisoners');
  });

  it('exits 1 on an error reply (unknown command, access denied) and still prints it', async () => {
    const unknown = await runCli(['ask', '/nope', '--lang', 'en'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('⚠');
    expect(unknown.stdout).toContain('nope');
    const denied = await runCli(['ask', '/report political-prisoners foro-penal 900 2026-01 https://example.org', '--lang', 'en'], env);
    expect(denied.code).toBe(1);
    expect(denied.stdout).toContain('/report');
  });

  it('keeps exit code 2 for a configuration problem', async () => {
    const run = await runCli(['ask', '/count'], { DATABASE_URL: 'mysql://nowhere' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });
});
