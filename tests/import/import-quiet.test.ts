// A quiet import (`cifras import --quiet`, a back-fill) on both databases: every figure recorded
// and audited, its event kept, and no delivery queued for any subscriber; the same file imported
// without --quiet queues one per figure and subscription.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { listAudit } from '../../src/domain/audit.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { subscribe } from '../../src/domain/subscriptions.js';
import { importFile } from '../../src/import/import-file.js';
import { dialects } from '../support/databases.js';

const BACKFILL = 'tests/fixtures/import/backfill-2018.csv';
const now = new Date('2026-01-15T12:00:00Z');

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`quiet import (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    const count = async (table: 'deliveries' | 'events' | 'figures') =>
      Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2025-12-26T00:00:00Z') });
      for (const chatId of ['-1001', '-1002']) {
        await subscribe(handle.db, { platform: 'telegram', chatId, scope: '*', locale: 'es' }, { actor: 'telegram:1', now });
      }
    });
    afterEach(async () => handle.close());

    it('records and audits every figure and announces none', async () => {
      const [figures, events, deliveries] = [await count('figures'), await count('events'), await count('deliveries')];
      const outcome = await importFile(handle.db, BACKFILL, { actor: 'cli:import', now, quiet: true });
      expect(outcome).toMatchObject({ ok: true, counts: { figures: 3 } });
      expect(await count('figures')).toBe(figures + 3);
      expect(await count('events')).toBe(events + 3);
      expect(await count('deliveries')).toBe(deliveries);
      // Kept, marked as told to nobody: digests and feeds read announced events only.
      const marks = await handle.db.selectFrom('events').select('announced').orderBy('id', 'desc').limit(4).execute();
      expect(marks.map((m) => m.announced)).toEqual([0, 0, 0, 1]);
      const audit = (await listAudit(handle.db, 10)).filter((entry) => entry.action === 'figure.report' && entry.actor === 'cli:import');
      expect(audit).toHaveLength(3);
    });

    it('announces the same file to every subscriber without --quiet', async () => {
      const deliveries = await count('deliveries');
      await importFile(handle.db, BACKFILL, { actor: 'cli:import', now });
      expect(await count('deliveries')).toBe(deliveries + 3 * 2);
      const marks = await handle.db.selectFrom('events').select('announced').execute();
      expect(marks.every((m) => m.announced === 1)).toBe(true);
    });
  });
}
