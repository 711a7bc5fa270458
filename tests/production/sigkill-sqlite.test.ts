// The SQLite server killed outright (SIGKILL: no shutdown at all) during a burst of API writes:
// every figure whose POST was answered 201 is in the file afterwards with its value, the file
// passes SQLite's integrity check, and a new server starts on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { storedValues } from './support/api-client.js';
import { createdFigures, runBurst } from './support/burst.js';
import { killAllServers, spawnServer, waitReady } from './support/server-process.js';

const TOKEN = 'sigkill-test-admin-token';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cifras-sigkill-'));
});
afterEach(async () => {
  await killAllServers();
  rmSync(dir, { recursive: true, force: true });
});

it('keeps every figure answered 201 when killed with SIGKILL mid-burst', async () => {
  const path = join(dir, 'cifras.db');
  const server = await spawnServer({ DATABASE_URL: `sqlite:${path}`, ADMIN_API_TOKEN: TOKEN });
  await waitReady(server);

  let killedAt = 0;
  const sent = await runBurst({
    base: server.url,
    token: TOKEN,
    clients: 8,
    perClient: 300,
    writeEvery: 1,
    after: 80,
    then: () => {
      killedAt = Date.now();
      server.child.kill('SIGKILL');
    },
    firstValue: 200_000,
  });
  expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
  expect(killedAt, 'the burst never reached the kill').toBeGreaterThan(0);
  // Killed mid-burst: clients were cut off rather than done.
  expect(sent.some((s) => s.outcome.kind !== 'answered')).toBe(true);

  const created = createdFigures(sent);
  expect(created.length).toBeGreaterThanOrEqual(80);
  for (const s of sent) {
    if (s.outcome.kind === 'answered') expect(s.outcome.status).toBe(201);
  }

  // Checked first with a plain connection, before anything (WAL recovery included) writes to it.
  const raw = new SqliteDatabase(path);
  try {
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('foreign_key_check')).toEqual([]);
  } finally {
    raw.close();
  }
  const stored = await storedValues(`sqlite:${path}`, created.map((f) => f.id));
  const missing = created.filter(({ id, value }) => JSON.stringify(stored.get(id)) !== JSON.stringify({ exact: value }));
  expect(missing).toEqual([]);

  // And the file is fit to serve again.
  const again = await spawnServer({ DATABASE_URL: `sqlite:${path}`, ADMIN_API_TOKEN: TOKEN });
  await waitReady(again);
  const last = created.at(-1);
  if (last === undefined) throw new Error('no figure created');
  const history = (await (await fetch(`${again.url}/api/v1/indicators/political-prisoners/figures`)).json()) as { figures: { id: number }[] };
  expect(history.figures.map((f) => f.id)).toContain(last.id);
  await again.kill('SIGTERM');
}, 240_000);
