// indicatorHistoryPage on both databases: keyset pages in the history's order, stable while
// figures are added, one source, since, retracted figures kept, cursors that do not fit refused,
// and each page served by an index rather than a sort of the whole history.
import { CompiledQuery, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { asOfFromStorage } from '../../src/domain/as-of.js';
import { correctFigure, reportFigure, retractFigure } from '../../src/domain/figures.js';
import { indicatorHistoryPage, type HistoryPageRequest } from '../../src/domain/history-page.js';
import { requireIndicator, upsertIndicator } from '../../src/domain/indicators.js';
import { indicatorHistory } from '../../src/domain/queries.js';
import { upsertSource } from '../../src/domain/sources.js';
import type { Figure, Indicator } from '../../src/domain/types.js';
import { dialects } from '../support/databases.js';

const NOW = new Date('2026-01-10T12:00:00Z');

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`indicatorHistoryPage on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let clock = 0;
    // Every second write lands on the same instant, so ties on recorded_at are broken by id.
    const ctx = () => ({ actor: 'test', now: new Date(NOW.getTime() + Math.floor(clock++ / 2) * 60_000) });
    let prisoners: Indicator;

    async function report(source: string, value: number, asOf: string, indicator = 'prisoners'): Promise<Figure> {
      return reportFigure(handle.db, { indicator, source, value: { kind: 'exact', value }, asOf, url: `https://example.org/${source}/${asOf}/${value}` }, ctx());
    }

    /** Every page from the first, following `next`. */
    async function allPages(request: Omit<HistoryPageRequest, 'cursor'>): Promise<Figure[][]> {
      const pages: Figure[][] = [];
      let cursor: string | undefined;
      do {
        const page = await indicatorHistoryPage(handle.db, prisoners, { ...request, ...(cursor === undefined ? {} : { cursor }) });
        pages.push([...page.figures]);
        cursor = page.next ?? undefined;
      } while (cursor !== undefined && pages.length < 100);
      return pages;
    }

    beforeEach(async () => {
      handle = await dialect.open();
      for (const slug of ['prisoners', 'releases']) {
        await upsertIndicator(handle.db, { slug, kind: 'stock', name: { es: slug, en: slug }, staleAfterDays: 30 }, ctx());
      }
      for (const slug of ['foro-penal', 'gov', 'ngo']) {
        await upsertSource(handle.db, { slug, kind: 'ngo', name: slug, url: `https://${slug}.example` }, ctx());
      }
      // 23 figures: three sources, month and year precision, same as-of days, backdated entries.
      const dates = ['2025-12-20', '2025-12', '2025-11-03', '2025-12-20', '2024', '2025-06-30', '2025-12-20', '2023-01-01'];
      let value = 100;
      for (let i = 0; i < 23; i++) await report(['foro-penal', 'gov', 'ngo'][i % 3]!, value++, dates[i % dates.length]!);
      await report('foro-penal', 5, '2025-12-20', 'releases');
      prisoners = await requireIndicator(handle.db, 'prisoners');
    });
    afterEach(async () => handle.close());

    it('pages through the whole history in its order, each figure once, and ends with next = null', async () => {
      const whole = await indicatorHistory(handle.db, prisoners);
      expect(whole).toHaveLength(23);
      const pages = await allPages({ limit: 5 });
      expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
      expect(pages.flat().map((f) => f.id)).toEqual(whole.map((f) => f.id));
      // The order the contract names: as-of start, then recorded at, then id, all descending.
      const keys = pages.flat().map((f) => [f.asOf.start, f.recordedAt, String(f.id).padStart(9, '0')].join('|'));
      expect(keys).toEqual([...keys].sort().reverse());
    });

    it('says there is no next page when the last page is exactly full', async () => {
      const first = await indicatorHistoryPage(handle.db, prisoners, { limit: 23 });
      expect(first.figures).toHaveLength(23);
      expect(first.next).toBeNull();
      const pages = await allPages({ limit: 1 });
      expect(pages).toHaveLength(23);
    });

    it('keeps its place when figures are added between pages: nothing shown twice, nothing skipped', async () => {
      const first = await indicatorHistoryPage(handle.db, prisoners, { limit: 10 });
      const newest = await report('gov', 999, '2026-01-05'); // would shift an offset by one
      const backdated = await report('ngo', 998, '2020-05'); // older than the cursor: still to come
      const rest: Figure[] = [];
      let cursor = first.next;
      while (cursor !== null) {
        const page = await indicatorHistoryPage(handle.db, prisoners, { limit: 10, cursor });
        rest.push(...page.figures);
        cursor = page.next;
      }
      const seen = [...first.figures, ...rest].map((f) => f.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).not.toContain(newest.id);
      expect(seen).toContain(backdated.id);
      expect(seen).toHaveLength(24);
    });

    it('narrows to one source and to as-of dates on or after since', async () => {
      const fp = (await allPages({ limit: 3, sourceSlug: 'foro-penal' })).flat();
      expect(fp.length).toBe(8);
      expect(new Set(fp.map((f) => f.source.slug))).toEqual(new Set(['foro-penal']));
      const since = asOfFromStorage('2025-12');
      const recent = (await allPages({ limit: 4, since })).flat();
      const expected = (await indicatorHistory(handle.db, prisoners)).filter((f) => f.asOf.start >= '2025-12-01');
      expect(recent.map((f) => f.id)).toEqual(expected.map((f) => f.id));
      expect(recent.some((f) => f.asOf.text === '2025-12')).toBe(true); // a month counts from its first day
      const both = (await allPages({ limit: 2, since, sourceSlug: 'gov' })).flat();
      expect(both.map((f) => f.id)).toEqual(expected.filter((f) => f.source.slug === 'gov').map((f) => f.id));
    });

    it('includes retracted figures, marked, and every revision of a figure on a page boundary', async () => {
      const [, second] = (await indicatorHistoryPage(handle.db, prisoners, { limit: 2 })).figures;
      await correctFigure(handle.db, second!.id, { kind: 'exact', value: 1 }, 'typo', ctx());
      await correctFigure(handle.db, second!.id, { kind: 'range', low: 1, high: 3 }, 'a range after all', ctx());
      await retractFigure(handle.db, second!.id, 'not this source', ctx());
      const page = await indicatorHistoryPage(handle.db, prisoners, { limit: 2 });
      expect(page.figures.map((f) => f.id)[1]).toBe(second!.id);
      const boundary = page.figures[1]!;
      expect(boundary.retracted).toBe(true);
      expect(boundary.revisions.map((r) => [r.kind, r.reason])).toEqual([
        ['report', null],
        ['correction', 'typo'],
        ['correction', 'a range after all'],
        ['retraction', 'not this source'],
      ]);
      const next = await indicatorHistoryPage(handle.db, prisoners, { limit: 2, cursor: page.next! });
      expect(next.figures.map((f) => f.id)).not.toContain(second!.id);
    });

    it('refuses a cursor that does not decode or belongs to another history, and a limit out of range', async () => {
      const releases = await requireIndicator(handle.db, 'releases');
      const otherCursor = (await indicatorHistoryPage(handle.db, prisoners, { limit: 1 })).next!;
      const forged = (data: unknown) => Buffer.from(JSON.stringify(data)).toString('base64url');
      const bad = [
        'not a cursor!',
        'eyJ', // truncated base64 of JSON
        Buffer.from('[1,2,3]').toString('base64url'),
        forged({ i: prisoners.id, a: '2025-12-20', r: 'yesterday', f: 3 }),
        forged({ i: prisoners.id, a: "2025-12-20' or 1=1", r: '2026-01-10T12:00:00.000Z', f: 3 }),
        forged({ i: prisoners.id, a: '2025-12-20', r: '2026-01-10T12:00:00.000Z', f: -1 }),
        // Ids no integer column holds: on PostgreSQL the query itself would fail (a 500).
        forged({ i: prisoners.id, a: '2025-12-20', r: '2026-01-10T12:00:00.000Z', f: 2_147_483_648 }),
        forged({ i: prisoners.id, a: '2025-12-20', r: '2026-01-10T12:00:00.000Z', f: Number.MAX_SAFE_INTEGER }),
        'x'.repeat(500),
      ];
      for (const cursor of bad) {
        await expect(indicatorHistoryPage(handle.db, prisoners, { limit: 5, cursor }), cursor).rejects.toMatchObject({
          name: 'DomainError',
          code: 'invalid_cursor',
        });
      }
      await expect(indicatorHistoryPage(handle.db, releases, { limit: 5, cursor: otherCursor })).rejects.toMatchObject({
        code: 'invalid_cursor',
        params: { indicator: 'releases' },
      });
      for (const limit of [0, 1001, 2.5, Number.NaN]) {
        await expect(indicatorHistoryPage(handle.db, prisoners, { limit })).rejects.toMatchObject({ code: 'invalid_field', params: { field: 'limit' } });
      }
      await expect(indicatorHistoryPage(handle.db, prisoners, { limit: 5, sourceSlug: 'nobody' })).rejects.toMatchObject({ code: 'unknown_source' });
      await expect(indicatorHistoryPage(handle.db, prisoners, { limit: 5, sourceSlug: 'foro\u0000penal' })).rejects.toMatchObject({ code: 'unknown_source' });
    });

    it('reads each page through an index, without sorting the indicator\'s history', async () => {
      const queries: RootOperationNode[] = [];
      const capture: KyselyPlugin = {
        transformQuery: (args) => {
          queries.push(args.node);
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const db = handle.db.withPlugin(capture);
      const first = await indicatorHistoryPage(db, prisoners, { limit: 5 });
      await indicatorHistoryPage(db, prisoners, { limit: 5, cursor: first.next! });
      await indicatorHistoryPage(db, prisoners, { limit: 5, cursor: first.next!, sourceSlug: 'gov' });
      const compiled = queries.map((node) => handle.db.getExecutor().compileQuery(node, { queryId: 'x' } as never)).filter((q) => q.sql.includes('"figures" as "f"') && q.sql.includes('"p"'));
      // Kysely hands a query to its plugins more than once on its way: one of each.
      const pageQueries = [...new Map(compiled.map((q) => [JSON.stringify([q.sql, q.parameters]), q])).values()];
      expect(pageQueries).toHaveLength(3);
      for (const query of pageQueries) {
        const plan = await explain(query.sql, query.parameters);
        // Every source: the history index; one source: either index leads to its figures.
        expect(plan, plan).toMatch(query === pageQueries[2] ? /figures_(history|latest)_idx/ : /figures_history_idx/);
        // SQLite names a sort it must do ("USE TEMP B-TREE FOR ORDER BY"); PostgreSQL a Sort node
        // under the page's Limit. The outer sort of the page's few rows is fine.
        if (dialect.name === 'sqlite') expect(plan.split('\n').filter((l) => /TEMP B-TREE FOR ORDER BY/.test(l)).length, plan).toBeLessThanOrEqual(1);
      }
    });

    async function explain(text: string, parameters: readonly unknown[]): Promise<string> {
      if (dialect.name === 'sqlite') {
        const result = await handle.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
        return result.rows.map((r) => r.detail).join('\n');
      }
      // A few dozen rows would be read sequentially anyway: ask whether an index can serve at all.
      return handle.db.connection().execute(async (conn) => {
        await conn.executeQuery(CompiledQuery.raw('set enable_seqscan = off'));
        try {
          const result = await conn.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${text}`, [...parameters]));
          return result.rows.map((r) => r['QUERY PLAN']).join('\n');
        } finally {
          await conn.executeQuery(CompiledQuery.raw('reset enable_seqscan'));
        }
      });
    }
  });
}
