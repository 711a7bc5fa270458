// `cifras backup`: a usable copy of a live SQLite database; never a silent overwrite; PostgreSQL
// is pointed to pg_dump.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL } from '../support/databases.js';
import { CLI_TIMEOUT, runCli } from './run-cli.js';

let dir: string;
let env: Record<string, string>;

function inspect(path: string): { integrity: unknown; indicators: unknown; figures: unknown } {
  const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      indicators: db.prepare('select count(*) as n from indicators').get(),
      figures: db.prepare('select count(*) as n from figures').get(),
    };
  } finally {
    db.close();
  }
}

describe('cifras backup (sqlite file)', { timeout: CLI_TIMEOUT }, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cifras-backup-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'live.db')}` };
    expect((await runCli(['seed'], env)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a consistent copy that opens as a database with the same data', async () => {
    const target = join(dir, 'copy.db');
    const run = await runCli(['backup', target], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Backed up the database to ${target}`);
    expect(inspect(target)).toEqual({ integrity: 'ok', indicators: { n: 3 }, figures: { n: 4 } });
    // The copy is a working cifras database: the CLI can use it directly.
    const reseed = await runCli(['seed'], { DATABASE_URL: `sqlite:${target}` });
    expect(reseed.stdout).toContain('already has indicators');
  });

  it('refuses to overwrite an existing file unless --force', async () => {
    const target = join(dir, 'taken.db');
    writeFileSync(target, 'precious');
    const refused = await runCli(['backup', target], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exists; pass --force to replace it');
    expect(readFileSync(target, 'utf8')).toBe('precious');
    const forced = await runCli(['backup', '--force', target], env);
    expect(forced.code).toBe(0);
    expect(inspect(target).integrity).toBe('ok');
    expect(existsSync(`${target}.partial-${process.pid}`)).toBe(false);
  });

  it('refuses a target in a folder that does not exist with one line, no stack trace, exit 1', async () => {
    const run = await runCli(['backup', '/nonexistent/x.db'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('cifras: the folder /nonexistent does not exist; create it first (mkdir -p /nonexistent) or choose another path\n');
    expect(existsSync('/nonexistent')).toBe(false);
  });

  it('refuses an in-memory database: there is nothing to copy', async () => {
    const run = await runCli(['backup', join(dir, 'mem.db')], { DATABASE_URL: 'sqlite::memory:' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('in memory');
  });
});

describe('cifras backup on postgres', { timeout: CLI_TIMEOUT }, () => {
  it('points to pg_dump and exits 1 without writing a file', async () => {
    const target = join(tmpdir(), `cifras-pg-${process.pid}.db`);
    const run = await runCli(['backup', target], { DATABASE_URL: POSTGRES_URL });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('for PostgreSQL use pg_dump');
    expect(existsSync(target)).toBe(false);
  });
});
