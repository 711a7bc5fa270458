// Pruning claimed update ids and idempotency keys: only what is older than the cut-off goes, at
// most one batch per call, and several pruners at once (replicas on PostgreSQL) delete each row
// once, without errors or waiting on each other. On SQLite and PostgreSQL.
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { claimUpdate } from '../../src/domain/processed-updates.js';
import { PRUNERS, pruneIdempotencyKeys, pruneProcessedUpdates, type PrunedTable } from '../../src/domain/prune-expired.js';
import { dialects } from '../support/databases.js';

const CUT = new Date('2026-02-01T00:00:00Z');
const hoursFromCut = (hours: number) => new Date(CUT.getTime() + hours * 3_600_000);

async function insertKeys(db: Kysely<Database>, count: number, at: Date, prefix: string): Promise<void> {
  const values = Array.from({ length: count }, (_, i) => ({ key: `${prefix}-${i}`, request_hash: 'h', status: 201, body: '{}', created_at: at.toISOString() }));
  for (let i = 0; i < values.length; i += 200) await db.insertInto('idempotency_keys').values(values.slice(i, i + 200)).execute();
}

async function insertClaims(db: Kysely<Database>, count: number, at: Date, prefix: string): Promise<void> {
  const values = Array.from({ length: count }, (_, i) => ({ platform: i % 2 === 0 ? 'telegram' : 'discord', update_id: `${prefix}${i}`, processed_at: at.toISOString() }));
  for (let i = 0; i < values.length; i += 200) await db.insertInto('processed_updates').values(values.slice(i, i + 200)).execute();
}

async function remaining(db: Kysely<Database>, table: PrunedTable): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`pruning expired rows on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    beforeEach(async () => {
      handle = await dialect.open();
    });
    afterEach(async () => handle.close());

    const batch = (batchSize: number) => ({ before: CUT, batchSize, skipLocked: handle.capabilities.skipLocked });

    it('deletes the update ids claimed before the cut-off, one bounded batch per call, and keeps the rest', async () => {
      for (let i = 0; i < 7; i++) await claimUpdate(handle.db, i % 2 === 0 ? 'telegram' : 'discord', String(100 + i), hoursFromCut(-1 - i));
      await claimUpdate(handle.db, 'telegram', 'at-the-cut', CUT);
      await claimUpdate(handle.db, 'discord', 'after', hoursFromCut(1));
      expect([
        await pruneProcessedUpdates(handle.db, batch(3)),
        await pruneProcessedUpdates(handle.db, batch(3)),
        await pruneProcessedUpdates(handle.db, batch(3)),
        await pruneProcessedUpdates(handle.db, batch(3)),
      ]).toEqual([3, 3, 1, 0]);
      const left = await handle.db.selectFrom('processed_updates').select('update_id').orderBy('update_id').execute();
      expect(left.map((r) => r.update_id)).toEqual(['after', 'at-the-cut']);
    });

    it('deletes the idempotency keys stored before the cut-off, one bounded batch per call, and keeps the rest', async () => {
      await insertKeys(handle.db, 5, hoursFromCut(-25), 'old');
      await insertKeys(handle.db, 2, hoursFromCut(0.5), 'new');
      expect([await pruneIdempotencyKeys(handle.db, batch(4)), await pruneIdempotencyKeys(handle.db, batch(4)), await pruneIdempotencyKeys(handle.db, batch(4))]).toEqual([4, 1, 0]);
      const left = await handle.db.selectFrom('idempotency_keys').select('key').orderBy('key').execute();
      expect(left.map((r) => r.key)).toEqual(['new-0', 'new-1']);
    });

    it('lets four pruners work through the same rows at once: every old row deleted once, the new ones kept', async () => {
      await insertClaims(handle.db, 1200, hoursFromCut(-30), 'old');
      await insertClaims(handle.db, 50, hoursFromCut(2), 'new');
      await insertKeys(handle.db, 1200, hoursFromCut(-30), 'old');
      await insertKeys(handle.db, 50, hoursFromCut(2), 'new');
      for (const table of ['processed_updates', 'idempotency_keys'] as const) {
        const pruner = async (): Promise<number> => {
          let total = 0;
          for (;;) {
            const deleted = await PRUNERS[table](handle.db, batch(40));
            total += deleted;
            if (deleted === 0) return total;
          }
        };
        const totals = await Promise.all([pruner(), pruner(), pruner(), pruner()]);
        expect(totals.reduce((a, b) => a + b, 0)).toBe(1200);
        expect(await remaining(handle.db, table)).toBe(50);
      }
    });
  });
}
