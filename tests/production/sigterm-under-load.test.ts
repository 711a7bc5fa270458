// SIGTERM while clients are reading and writing: the server stops accepting, answers in full every
// request it accepted, keeps every figure it answered 201 for, and exits 0 within 10 seconds.
// Requests that find the listener closed are refused (never accepted), which is fine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { INDICATOR, storedPostedValues, storedValues } from './support/api-client.js';
import { createdFigures, runBurst } from './support/burst.js';
import { killAllServers, spawnServer, waitReady } from './support/server-process.js';

const TOKEN = 'sigterm-test-admin-token';
// Refused or cut before an answer; anything else without an answer is a surprise worth seeing.
const NOT_ACCEPTED = /ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|other side closed/;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cifras-sigterm-'));
});
afterEach(async () => {
  await killAllServers();
  rmSync(dir, { recursive: true, force: true });
});

it('loses no accepted request and exits 0 within 10 s', async () => {
  const databaseUrl = `sqlite:${join(dir, 'cifras.db')}`;
  const server = await spawnServer({ DATABASE_URL: databaseUrl, ADMIN_API_TOKEN: TOKEN });
  await waitReady(server);

  let signalledAt = 0;
  const sent = await runBurst({
    base: server.url,
    token: TOKEN,
    clients: 8,
    perClient: 300,
    writeEvery: 2,
    after: 60,
    then: () => {
      signalledAt = Date.now();
      server.child.kill('SIGTERM');
    },
    firstValue: 100_000,
  });
  const { code, signal } = await server.exited;
  const exitedAfterMs = Date.now() - signalledAt;

  expect(signalledAt, 'the burst never reached the signal').toBeGreaterThan(0);
  expect({ code, signal }, server.stderr()).toEqual({ code: 0, signal: null });
  expect(exitedAfterMs).toBeLessThan(10_000);
  expect(server.stdout()).toMatch(/"signal":"SIGTERM"[\s\S]*"msg":"stopped"/);

  // Every answer is complete and right: no 5xx or half-written body from the shutdown.
  expect(sent.filter((s) => s.outcome.kind === 'broken-body')).toEqual([]);
  for (const { kind, value, outcome } of sent) {
    if (outcome.kind !== 'answered') continue;
    if (kind === 'read') {
      expect(outcome.status).toBe(200);
      expect(outcome.body).toMatchObject({ slug: INDICATOR, latest: expect.any(Array) });
    } else {
      expect(outcome.status).toBe(201);
      expect(outcome.body).toMatchObject({ id: expect.any(Number), value: { exact: value } });
    }
  }
  const unanswered = sent.flatMap((s) => (s.outcome.kind === 'no-answer' ? [s.outcome] : []));
  for (const { error, at } of unanswered) {
    expect(error).toMatch(NOT_ACCEPTED);
    expect(at).toBeGreaterThanOrEqual(signalledAt);
  }
  // The signal came mid-burst: requests in flight were still answered, later ones were refused.
  expect(sent.filter((s) => s.outcome.kind === 'answered' && s.outcome.at > signalledAt).length).toBeGreaterThan(0);
  expect(unanswered.length).toBeGreaterThan(0);

  const created = createdFigures(sent);
  expect(created.length).toBeGreaterThan(0);
  const stored = await storedValues(databaseUrl, created.map((f) => f.id));
  for (const { id, value } of created) expect(stored.get(id), `figure ${id}`).toEqual({ exact: value });
  // And the other way round: no figure was written whose POST went unanswered (accepted, then dropped).
  expect(await storedPostedValues(databaseUrl)).toEqual(created.map((f) => f.value).sort((a, b) => a - b));
}, 180_000);
