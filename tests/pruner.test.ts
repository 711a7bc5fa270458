// The pruner service: a round forgets the update ids and idempotency keys older than a day by its
// own clock, bounded per round; its loop runs every interval until stopped; and `cifras serve`
// (startServer) runs it, so a key stored through the API is forgotten a day later and the same key
// then makes a new write. On SQLite and PostgreSQL.
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { claimUpdate } from '../src/domain/processed-updates.js';
import { startServer } from '../src/main.js';
import { createMetrics } from '../src/metrics.js';
import { createPruner, startPruner } from '../src/pruner.js';
import { POSTGRES_URL, dialects } from './support/databases.js';
import { processDatabase } from './support/process-database.js';

const HOUR = 3_600_000;
const T0 = new Date('2026-02-01T12:00:00Z');
const silent = { info: () => {}, error: () => {} };

async function count(db: Kysely<Database>, table: 'processed_updates' | 'idempotency_keys'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function insertKey(db: Kysely<Database>, key: string, at: Date): Promise<void> {
  await db.insertInto('idempotency_keys').values({ key, request_hash: 'h', status: 201, body: '{}', created_at: at.toISOString() }).execute();
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`the pruner on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    beforeEach(async () => {
      handle = await dialect.open();
    });
    afterEach(async () => handle.close());

    it('forgets, by its own clock, what is older than a day, a bounded number of batches per round, and counts it', async () => {
      for (let i = 0; i < 7; i++) await claimUpdate(handle.db, 'telegram', String(i), new Date(T0.getTime() - 25 * HOUR));
      await claimUpdate(handle.db, 'discord', 'recent', new Date(T0.getTime() - 23 * HOUR));
      await insertKey(handle.db, 'old', new Date(T0.getTime() - 24 * HOUR - 1));
      await insertKey(handle.db, 'recent', new Date(T0.getTime() - 1));
      const metrics = createMetrics();
      const pruner = createPruner({ db: handle.db, skipLocked: handle.capabilities.skipLocked, logger: silent, metrics, now: () => T0, batchSize: 2, maxBatches: 2 });
      expect(await pruner.pruneOnce()).toEqual({ processed_updates: 4, idempotency_keys: 1 });
      expect(await pruner.pruneOnce()).toEqual({ processed_updates: 3, idempotency_keys: 0 });
      expect(await pruner.pruneOnce()).toEqual({ processed_updates: 0, idempotency_keys: 0 });
      expect(await count(handle.db, 'processed_updates')).toBe(1);
      expect(await count(handle.db, 'idempotency_keys')).toBe(1);
      const counted = (await metrics.prunedRows.get()).values.map((v) => [v.labels.table, v.value]);
      expect(counted).toEqual([['processed_updates', 7], ['idempotency_keys', 1]]);
    });

    it('runs a round every interval until stopped', async () => {
      let clock = T0;
      const pruner = startPruner({ db: handle.db, skipLocked: handle.capabilities.skipLocked, logger: silent, now: () => clock, intervalMs: 20 });
      await claimUpdate(handle.db, 'telegram', 'a', T0);
      await insertKey(handle.db, 'k', T0);
      // Rounds keep running meanwhile: nothing is a day old yet.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await count(handle.db, 'processed_updates')).toBe(1);
      clock = new Date(T0.getTime() + 24 * HOUR + 1);
      await until(async () => (await count(handle.db, 'processed_updates')) === 0 && (await count(handle.db, 'idempotency_keys')) === 0);
      await pruner.stop();
      await claimUpdate(handle.db, 'telegram', 'b', T0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await count(handle.db, 'processed_updates')).toBe(1);
    });
  });

  describe.skipIf(!dialect.available)(`cifras serve prunes (${dialect.name})`, () => {
    let database: { url: string; close(): Promise<void> };
    beforeEach(async () => {
      database = await processDatabase(dialect.name, POSTGRES_URL, 'cifras-prune');
    });
    afterEach(async () => database.close());

    it('forgets an API idempotency key a day after it was stored: the same key then writes anew', async () => {
      let clock = new Date();
      const server = await startServer({
        env: { DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent', ADMIN_API_TOKEN: 'prune-token' },
        handleSignals: false,
        pruning: { now: () => clock, intervalMs: 25 },
      });
      const handle = await openDatabase(database.url);
      try {
        const post = async () => {
          const response = await fetch(`${server.url}/api/v1/figures`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: 'Bearer prune-token', 'Idempotency-Key': 'a-day-long' },
            body: JSON.stringify({ indicator: 'political-prisoners', source: 'foro-penal', value: '863', asOf: '2025-12-29', url: 'https://example.org/p' }),
          });
          return { status: response.status, id: ((await response.json()) as { id: number }).id };
        };
        const first = await post();
        expect(first.status).toBe(201);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await post()).toEqual(first);
        expect(await count(handle.db, 'idempotency_keys')).toBe(1);
        clock = new Date(clock.getTime() + 24 * HOUR + 60_000);
        await until(async () => (await count(handle.db, 'idempotency_keys')) === 0);
        const again = await post();
        expect(again.status).toBe(201);
        expect(again.id).not.toBe(first.id);
      } finally {
        await handle.close();
        await server.close();
      }
    });
  });
}

