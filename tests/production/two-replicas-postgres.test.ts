// Scale-out on PostgreSQL: two `cifras serve --no-worker` processes started at the same moment on
// one fresh, empty database. They migrate and seed it exactly once between them, answer the same,
// each listens for the other's writes (LISTEN/NOTIFY, db/pg-version-listener.ts), and a write
// through either is read through the other within 100 ms.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.js';
import { LISTENER_APPLICATION_NAME } from '../../db/pg-version-listener.js';
import { DEMO_DATASET } from '../../src/domain/seed.js';
import { POSTGRES_URL, dialects } from '../support/databases.js';
import { INDICATOR, SOURCE, call, type Outcome } from './support/api-client.js';
import { killAllServers, spawnServer, waitReady, type ServerProcess } from './support/server-process.js';

const TOKEN = 'replica-test-admin-token';
const postgresUp = dialects.find((d) => d.name === 'postgres')?.available === true;

/** The same server, another database on it. */
function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function answered(outcome: Outcome, status: number): unknown {
  if (outcome.kind !== 'answered') throw new Error(`no answer: ${JSON.stringify(outcome)}`);
  expect(outcome.status, JSON.stringify(outcome.body)).toBe(status);
  return outcome.body;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
  body: JSON.stringify(body),
});

interface LatestEntry {
  readonly figureId: number;
  readonly source: { readonly slug: string };
  readonly value: unknown;
}

async function latestOf(server: ServerProcess, source: string): Promise<LatestEntry | undefined> {
  const body = answered(await call(`${server.url}/api/v1/indicators/${INDICATOR}`), 200) as { latest: LatestEntry[] };
  return body.latest.find((l) => l.source.slug === source);
}

/** How long after `since` the read through `server` first shows `expected` (polling; fails after 5 s). */
async function seenAfter(server: ServerProcess, since: number, expected: { figureId: number; value: unknown }): Promise<number> {
  for (;;) {
    const latest = await latestOf(server, SOURCE);
    if (latest?.figureId === expected.figureId && JSON.stringify(latest.value) === JSON.stringify(expected.value)) return Date.now() - since;
    if (Date.now() - since > 5_000) throw new Error(`not seen after 5 s: ${JSON.stringify(latest)}`);
  }
}

const median = (values: readonly number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? Number.NaN;

describe.skipIf(!postgresUp)('two server processes on one PostgreSQL', () => {
  const name = `cifras_prod_${randomBytes(6).toString('hex')}`;
  const url = databaseUrl(name);
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    await admin((client) => client.query(`create database ${name}`));
  });

  afterAll(async () => {
    await killAllServers();
    await admin((client) => client.query(`drop database if exists ${name} with (force)`));
  }, 60_000);

  it('start together on an empty database and both become ready', async () => {
    // Both try to migrate and seed at once (CIFRAS_SEED defaults to true).
    const start = () => spawnServer({ DATABASE_URL: url, ADMIN_API_TOKEN: TOKEN });
    [a, b] = await Promise.all([start(), start()]);
    await Promise.all([waitReady(a), waitReady(b)]);
  }, 180_000);

  it('migrate and seed the database exactly once between them', async () => {
    const applied = [a, b].filter((s) => /"msg":"migrations applied"/.test(s.stdout()));
    expect(applied).toHaveLength(1);
    const counts = await admin(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const count = async (table: string) => Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
        return { migrations: await count('kysely_migration'), indicators: await count('indicators'), figures: await count('figures') };
      } finally {
        await client.end();
      }
    });
    expect(counts).toEqual({
      migrations: Object.keys(migrations).length,
      indicators: DEMO_DATASET.indicators?.length,
      figures: DEMO_DATASET.figures?.length,
    });
  });

  it('answer GET /api/v1/indicators/political-prisoners identically', async () => {
    const [fromA, fromB] = await Promise.all([a, b].map((s) => call(`${s.url}/api/v1/indicators/${INDICATOR}`)));
    expect(answered(fromA!, 200)).toMatchObject({ slug: INDICATOR, latest: expect.any(Array) });
    expect(answered(fromB!, 200)).toEqual(answered(fromA!, 200));
    const [listA, listB] = await Promise.all([a, b].map((s) => call(`${s.url}/api/v1/indicators`)));
    expect(answered(listB!, 200)).toEqual(answered(listA!, 200));
  });

  it('each listen for the other\'s writes on a connection of its own', async () => {
    // The listeners connect once a question needs the data version.
    await Promise.all([a, b].map((s) => call(`${s.url}/api/v1/indicators/${INDICATOR}`)));
    await expect.poll(() => admin(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query('select count(*) as n from pg_stat_activity where datname = $1 and application_name = $2', [name, LISTENER_APPLICATION_NAME]);
        return Number(rows[0].n);
      } finally {
        await client.end();
      }
    }), { timeout: 10_000 }).toBe(2);
  });

  it('show a figure posted through A in B, and a correction through B in A, within 100 ms', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const delays: number[] = [];
    for (let round = 0; round < 5; round++) {
      // Both have answered (and kept) the current figures before each write.
      await Promise.all([latestOf(a, SOURCE), latestOf(b, SOURCE)]);
      const posted = answered(
        await call(`${a.url}/api/v1/figures`, json('POST', { indicator: INDICATOR, source: SOURCE, value: `1.23${round}`, asOf: yesterday, url: `https://foropenal.com/replicas/${round}` })),
        201,
      ) as { id: number };
      delays.push(await seenAfter(b, Date.now(), { figureId: posted.id, value: { exact: 1230 + round } }));

      await latestOf(a, SOURCE);
      answered(await call(`${b.url}/api/v1/figures/${posted.id}/corrections`, json('POST', { value: { exact: 1240 + round }, reason: 'digits swapped' })), 201);
      delays.push(await seenAfter(a, Date.now(), { figureId: posted.id, value: { exact: 1240 + round } }));
    }
    // Each delay includes the read's own round trip on a shared machine: the median is the measure.
    expect(median(delays), `delays in ms: ${delays.join(', ')}`).toBeLessThanOrEqual(100);

    const [fromA, fromB] = await Promise.all([a, b].map((s) => call(`${s.url}/api/v1/indicators/${INDICATOR}/figures`)));
    expect(answered(fromB!, 200)).toEqual(answered(fromA!, 200));
  });

  it('both stop cleanly on SIGTERM', async () => {
    await Promise.all([a, b].map((s) => s.kill('SIGTERM')));
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(await b.exited).toEqual({ code: 0, signal: null });
  }, 30_000);
});
