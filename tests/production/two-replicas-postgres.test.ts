// Scale-out on PostgreSQL: two `cifras serve --no-worker` processes started at the same moment on
// one fresh, empty database. They migrate and seed it exactly once between them, answer the same,
// and a write through either is read through the other at once.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.js';
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

  it('show a figure posted through A in B at once, and a correction through B in A at once', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const posted = answered(
      await call(`${a.url}/api/v1/figures`, json('POST', { indicator: INDICATOR, source: SOURCE, value: '1.234', asOf: yesterday, url: 'https://foropenal.com/replicas' })),
      201,
    ) as { id: number };
    expect(await latestOf(b, SOURCE)).toMatchObject({ figureId: posted.id, value: { exact: 1234 } });

    answered(await call(`${b.url}/api/v1/figures/${posted.id}/corrections`, json('POST', { value: { exact: 1243 }, reason: 'digits swapped' })), 201);
    expect(await latestOf(a, SOURCE)).toMatchObject({ figureId: posted.id, value: { exact: 1243 } });

    const [fromA, fromB] = await Promise.all([a, b].map((s) => call(`${s.url}/api/v1/indicators/${INDICATOR}/figures`)));
    expect(answered(fromB!, 200)).toEqual(answered(fromA!, 200));
  });

  it('both stop cleanly on SIGTERM', async () => {
    await Promise.all([a, b].map((s) => s.kill('SIGTERM')));
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(await b.exited).toEqual({ code: 0, signal: null });
  }, 30_000);
});
