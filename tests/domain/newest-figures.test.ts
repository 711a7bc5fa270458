// newestFigures on both databases: for every indicator of the realistic fixture (30 indicators,
// from 600 figures down to a few, corrections, retractions, ties on as-of) exactly the first page
// of its history, in the same order, from one statement; and an indicator without figures gets
// an empty list. The home page draws its sparklines from it.
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { indicatorHistoryPage } from '../../src/domain/history-page.js';
import { listIndicators, upsertIndicator } from '../../src/domain/indicators.js';
import { newestFigures } from '../../src/domain/newest-figures.js';
import { dialects } from '../support/databases.js';
import { loadRealisticFixture } from '../support/realistic-fixture.js';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`newestFigures on ${dialect.name}`, () => {
    let handle: DatabaseHandle | undefined;
    afterEach(async () => {
      await handle?.close();
      handle = undefined;
    });

    it("gives each indicator the first page of its history, and an empty list to one that has none", async () => {
      handle = await dialect.open();
      await loadRealisticFixture(handle);
      await upsertIndicator(handle.db, { slug: 'nothing-yet', kind: 'stock', name: { es: 'Nada aún', en: 'Nothing yet' } }, { actor: 'test', now: new Date('2026-01-01T00:00:00Z') });
      const indicators = await listIndicators(handle.db);
      expect(indicators).toHaveLength(31);
      let queries = 0;
      // Counted as results come back: a subquery is transformed too, but only statements return.
      const counted = handle.db.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => (queries++, args.result) });
      const newest = await newestFigures(counted, indicators, 60);
      expect(queries).toBe(1);
      expect([...newest.keys()].sort()).toEqual(indicators.map((i) => i.slug).sort());
      for (const indicator of indicators) {
        const page = await indicatorHistoryPage(handle.db, indicator, { limit: 60 });
        expect(newest.get(indicator.slug), indicator.slug).toEqual(page.figures);
      }
      expect(newest.get('nothing-yet')).toEqual([]);
      expect(newest.get('political-prisoners')).toHaveLength(60);
    });
  });
}
