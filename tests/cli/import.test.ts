// `cifras import` as an operator runs it: exit codes, the summary, and every refused row named.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connect.js';
import { subscribe } from '../../src/domain/subscriptions.js';
import { CLI_TIMEOUT, runCli } from './run-cli.js';

const FIXTURES = 'tests/fixtures/import';
let dir: string;
let env: Record<string, string>;

async function figureCount(): Promise<number> {
  const handle = await openDatabase(env['DATABASE_URL'] ?? '');
  try {
    const row = await handle.db.selectFrom('figures').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await handle.close();
  }
}

describe('cifras import (sqlite file)', { timeout: CLI_TIMEOUT }, () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cifras-cli-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'x.db')}` };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses figures for indicators the database does not have yet, exit 1', async () => {
    const run = await runCli(['import', `${FIXTURES}/good.csv`], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('good.csv: 3 row(s) refused; nothing was imported:');
    expect(run.stderr).toContain('line 2: indicator: unknown indicator "political-prisoners"');
  });

  it('seeds an empty database once, then says it is already seeded', async () => {
    const first = await runCli(['seed'], env);
    expect(first).toMatchObject({ code: 0, stdout: 'Loaded the demo dataset: 3 indicators, 3 sources, 4 figures.\n' });
    const second = await runCli(['seed'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already has indicators');
    expect(await figureCount()).toBe(4);
  });

  it('imports a good CSV and a good JSON file, printing what was imported', async () => {
    const csv = await runCli(['import', `${FIXTURES}/good.csv`], env);
    expect(csv).toMatchObject({ code: 0, stdout: `Imported 0 indicators, 0 sources, 3 figures from ${FIXTURES}/good.csv.\n` });
    const json = await runCli(['import', `${FIXTURES}/good.json`], env);
    expect(json).toMatchObject({ code: 0, stdout: `Imported 1 indicator, 1 source, 2 figures from ${FIXTURES}/good.json.\n` });
    expect(await figureCount()).toBe(9);
  });

  it('imports the same files again without recording any figure twice', async () => {
    const before = await figureCount();
    const csv = await runCli(['import', `${FIXTURES}/good.csv`], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(`Imported 0 indicators, 0 sources, 0 figures from ${FIXTURES}/good.csv; skipped 3 figures already recorded.\n`);
    const seed = await runCli(['import', 'db/seed/seed-figures.json'], env);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toBe('Imported 3 indicators, 3 sources, 0 figures from db/seed/seed-figures.json; skipped 4 figures already recorded.\n');
    expect(await figureCount()).toBe(before);
  });

  it('refuses a file with one bad row, names the row and the reason, and writes nothing', async () => {
    const before = await figureCount();
    const csv = await runCli(['import', `${FIXTURES}/one-bad-row.csv`], env);
    expect(csv.code).toBe(1);
    expect(csv.stderr).toBe(
      `cifras: ${FIXTURES}/one-bad-row.csv: 1 row(s) refused; nothing was imported:\n` +
        '  line 4: value: invalid value "about nine hundred" (accepted: 902, 1.085, ~2400, >=60, 60+, <=75, 60-75)\n',
    );
    const json = await runCli(['import', `${FIXTURES}/one-bad-row.json`], env);
    expect(json.code).toBe(1);
    expect(json.stderr).toContain('figures[2]: url: invalid URL "ftp://foropenal.com/b"');
    expect(await figureCount()).toBe(before);
  });

  it('refuses a file it cannot read, or of another kind', async () => {
    const missing = await runCli(['import', join(dir, 'nope.csv')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('refused; nothing was imported:\n  file: cannot read');
    const other = await runCli(['import', 'README.md'], env);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('"README.md" must end in .csv or .json');
  });
});

describe('cifras configuration and refusals', { timeout: CLI_TIMEOUT }, () => {
  it('prints every configuration problem and exits 2', async () => {
    const run = await runCli(['migrate'], { DATABASE_URL: 'mysql://db/x', DEFAULT_LOCALE: 'fr' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2 configuration problems');
    expect(run.stderr).toContain('DATABASE_URL');
    expect(run.stderr).toContain('DEFAULT_LOCALE');
  });

  it('says plainly that a worker without any platform has nowhere to deliver, exit 1', async () => {
    const run = await runCli(['worker'], { DATABASE_URL: 'sqlite::memory:' });
    expect(run).toMatchObject({ code: 1, stderr: expect.stringContaining('no platform is configured') as unknown });
  });
});

describe('cifras import --quiet (sqlite file)', { timeout: CLI_TIMEOUT }, () => {
  let quietDir: string;
  let url: string;
  beforeAll(() => {
    quietDir = mkdtempSync(join(tmpdir(), 'cifras-cli-quiet-'));
    url = `sqlite:${join(quietDir, 'q.db')}`;
  });
  afterAll(() => rmSync(quietDir, { recursive: true, force: true }));

  async function deliveries(): Promise<number> {
    const handle = await openDatabase(url);
    try {
      return Number((await handle.db.selectFrom('deliveries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    } finally {
      await handle.close();
    }
  }

  it('records a back-fill without announcing it, and says so', async () => {
    expect((await runCli(['seed'], { DATABASE_URL: url })).code).toBe(0);
    const handle = await openDatabase(url);
    try {
      await subscribe(handle.db, { platform: 'telegram', chatId: '-1001', scope: '*', locale: 'es' }, { actor: 'telegram:1', now: new Date() });
    } finally {
      await handle.close();
    }
    const run = await runCli(['import', '--quiet', `${FIXTURES}/backfill-2018.csv`], { DATABASE_URL: url });
    expect(run).toMatchObject({
      code: 0,
      stdout: `Imported 0 indicators, 0 sources, 3 figures from ${FIXTURES}/backfill-2018.csv; nothing was announced to subscribers (--quiet).\n`,
    });
    expect(await deliveries()).toBe(0);
  });
});
