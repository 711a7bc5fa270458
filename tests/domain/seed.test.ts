// The bundled demo dataset loads into an empty database and answers the article's questions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { requireIndicator } from '../../src/domain/indicators.js';
import { indicatorSummary } from '../../src/domain/queries.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { dialects } from '../support/databases.js';

const ctx = { actor: 'seed', now: new Date('2026-11-28T00:00:00Z') };

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`demo dataset on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    beforeEach(async () => {
      handle = await dialect.open();
    });
    afterEach(async () => handle.close());

    it('seeds once and shows Foro Penal 902 as of 2025-12-20, stale, with its link', async () => {
      expect(await seedIfEmpty(handle.db, ctx)).toBe(true);
      expect(await seedIfEmpty(handle.db, ctx)).toBe(false);
      const summary = await indicatorSummary(handle.db, await requireIndicator(handle.db, 'political-prisoners'), '2026-11-28');
      expect(summary.latest).toHaveLength(1);
      const [line] = summary.latest;
      expect(line).toMatchObject({
        figure: { value: { kind: 'exact', value: 902 }, asOf: { text: '2025-12-20' }, source: { slug: 'foro-penal' } },
        link: 'https://kudupinter.com/?p=110469',
        stale: true,
      });
    });

    it('puts the ministry 99 beside the NGOs 60–75 with a spread', async () => {
      await seedIfEmpty(handle.db, ctx);
      const summary = await indicatorSummary(handle.db, await requireIndicator(handle.db, 'post-election-releases'), '2026-11-28');
      expect(summary.latest.map((l) => l.figure.value)).toEqual(
        expect.arrayContaining([{ kind: 'exact', value: 99 }, { kind: 'range', low: 60, high: 75 }]),
      );
      expect(summary.spread).toMatchObject({ low: { value: 60 }, high: { value: 99 } });
    });
  });
}

describe.skipIf(!dialects[1]!.available)('demo dataset seeded by two replicas at once (postgres)', () => {
  it('loads once; the other replica finds it seeded and does not fail', async () => {
    const { openPostgresTestDatabase } = await import('../support/databases.js');
    const first = await openPostgresTestDatabase();
    const schema = (await first.db.selectNoFrom((eb) => eb.fn<string>('current_schema').as('s')).executeTakeFirstOrThrow()).s;
    const { openDatabase } = await import('../../db/connect.js');
    const { POSTGRES_URL } = await import('../support/databases.js');
    const second = await openDatabase(POSTGRES_URL, { pgSchema: schema });
    try {
      const results = await Promise.all([seedIfEmpty(first.db, ctx), seedIfEmpty(second.db, ctx)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const figures = await first.db.selectFrom('figures').select('id').execute();
      expect(figures).toHaveLength(4);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
