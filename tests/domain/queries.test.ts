// Query semantics on both databases: latest per source by as-of date, ties, corrections,
// retractions, coarse dates, spread with ranges and bounds, staleness at the threshold.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { correctFigure, reportFigure, retractFigure } from '../../src/domain/figures.js';
import { requireIndicator, upsertIndicator } from '../../src/domain/indicators.js';
import { indicatorHistory, indicatorSummary } from '../../src/domain/queries.js';
import { upsertSource } from '../../src/domain/sources.js';
import type { FigureValue } from '../../src/domain/types.js';
import { dialects } from '../support/databases.js';

const NOW = new Date('2026-01-10T12:00:00Z');
const TODAY = '2026-01-10';

function at(minutes: number) {
  return { actor: 'test', now: new Date(NOW.getTime() + minutes * 60_000) };
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`query layer on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let clock = 0;
    const ctx = () => at(clock++);

    async function report(source: string, value: FigureValue, asOf: string) {
      return reportFigure(handle.db, { indicator: 'prisoners', source, value, asOf, url: `https://example.org/${source}/${asOf}` }, ctx());
    }
    async function summary(today = TODAY) {
      return indicatorSummary(handle.db, await requireIndicator(handle.db, 'prisoners'), today);
    }
    async function latestValues(today = TODAY) {
      return Object.fromEntries((await summary(today)).latest.map((l) => [l.figure.source.slug, l.figure.value]));
    }

    beforeEach(async () => {
      handle = await dialect.open();
      await upsertIndicator(handle.db, { slug: 'prisoners', kind: 'stock', name: { es: 'Presos', en: 'Prisoners' }, staleAfterDays: 30 }, ctx());
      for (const slug of ['ngo', 'gov', 'media']) {
        await upsertSource(handle.db, { slug, kind: 'ngo', name: slug.toUpperCase(), url: `https://${slug}.example` }, ctx());
      }
    });
    afterEach(async () => handle.close());

    it('takes the newest as-of date, not the last entered figure', async () => {
      await report('ngo', { kind: 'exact', value: 902 }, '2025-12-20');
      await report('ngo', { kind: 'exact', value: 800 }, '2025-11-01'); // backdated, entered last
      expect(await latestValues()).toEqual({ ngo: { kind: 'exact', value: 902 } });
    });

    it('breaks a tie on the as-of date by the later recording', async () => {
      await report('ngo', { kind: 'exact', value: 900 }, '2025-12-20');
      const later = await report('ngo', { kind: 'exact', value: 905 }, '2025-12-20');
      const { latest } = await summary();
      expect(latest.map((l) => l.figure.id)).toEqual([later.id]);
    });

    it('uses the current revision after a correction', async () => {
      const figure = await report('ngo', { kind: 'exact', value: 863 }, '2025-12-29');
      await correctFigure(handle.db, figure.id, { kind: 'exact', value: 870 }, 'typo in the report', ctx());
      expect(await latestValues()).toEqual({ ngo: { kind: 'exact', value: 870 } });
      const [history] = await indicatorHistory(handle.db, await requireIndicator(handle.db, 'prisoners'));
      expect(history?.revisions.map((r) => [r.kind, r.value, r.reason])).toEqual([
        ['report', { kind: 'exact', value: 863 }, null],
        ['correction', { kind: 'exact', value: 870 }, 'typo in the report'],
      ]);
    });

    it('drops a retracted figure from latest and falls back to the previous one, keeping it in history', async () => {
      await report('ngo', { kind: 'exact', value: 902 }, '2025-12-20');
      const wrong = await report('ngo', { kind: 'exact', value: 863 }, '2025-12-29');
      await retractFigure(handle.db, wrong.id, 'not a Foro Penal figure', ctx());
      expect(await latestValues()).toEqual({ ngo: { kind: 'exact', value: 902 } });
      const history = await indicatorHistory(handle.db, await requireIndicator(handle.db, 'prisoners'));
      expect(history.map((f) => [f.id, f.retracted])).toEqual([[wrong.id, true], [wrong.id - 1, false]]);
      await expect(correctFigure(handle.db, wrong.id, { kind: 'exact', value: 1 }, 'x', ctx())).rejects.toMatchObject({ code: 'figure_retracted' });
    });

    it('sorts a month- or year-precision date as its first day and keeps its precision', async () => {
      await report('ngo', { kind: 'exact', value: 1 }, '2025-11-30');
      await report('ngo', { kind: 'exact', value: 2 }, '2025-12');
      await report('gov', { kind: 'exact', value: 3 }, '2025');
      await report('gov', { kind: 'exact', value: 4 }, '2024-12-31');
      const { latest } = await summary();
      expect(latest.map((l) => [l.figure.source.slug, l.figure.value, l.figure.asOf.text, l.figure.asOf.precision])).toEqual([
        ['ngo', { kind: 'exact', value: 2 }, '2025-12', 'month'],
        ['gov', { kind: 'exact', value: 3 }, '2025', 'year'],
      ]);
    });

    it('reports the spread across ranges and bounds with the sources at each end', async () => {
      await report('ngo', { kind: 'range', low: 60, high: 75 }, '2025-12-25');
      await report('gov', { kind: 'exact', value: 99 }, '2025-12-25');
      await report('media', { kind: 'at_least', value: 50 }, '2025-12-24');
      const { spread } = await summary();
      expect(spread).toMatchObject({ low: { value: 50, source: { slug: 'media' } }, high: { value: 99, source: { slug: 'gov' } } });
    });

    it('has no spread with one source', async () => {
      await report('ngo', { kind: 'exact', value: 902 }, '2025-12-20');
      expect((await summary()).spread).toBeNull();
    });

    it('marks a figure stale only past the threshold', async () => {
      await report('ngo', { kind: 'exact', value: 902 }, '2025-12-11'); // 30 days before TODAY
      expect((await summary('2026-01-10')).latest[0]?.stale).toBe(false);
      expect((await summary('2026-01-11')).latest[0]?.stale).toBe(true);
    });

    it('links to the source homepage when a figure has no citation of its own', async () => {
      const figure = await report('ngo', { kind: 'exact', value: 1 }, '2025-12-20');
      expect((await summary()).latest[0]?.link).toBe(figure.url);
    });

    it('writes nothing for a bad report and records audit and event for a good one', async () => {
      const count = async (table: 'figures' | 'audit_log' | 'events') =>
        Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = { figures: await count('figures'), audit: await count('audit_log'), events: await count('events') };
      const bad = [
        { indicator: 'nope', source: 'ngo', asOf: '2025-12-20', url: 'https://x.org', code: 'unknown_indicator' },
        { indicator: 'prisoners', source: 'nope', asOf: '2025-12-20', url: 'https://x.org', code: 'unknown_source' },
        { indicator: 'prisoners', source: 'ngo', asOf: '2027-01-01', url: 'https://x.org', code: 'future_date' },
        { indicator: 'prisoners', source: 'ngo', asOf: '20-12-2025', url: 'https://x.org', code: 'invalid_date' },
        { indicator: 'prisoners', source: 'ngo', asOf: '2025-12-20', url: 'javascript:alert(1)', code: 'invalid_url' },
      ];
      for (const { code, ...input } of bad) {
        await expect(reportFigure(handle.db, { ...input, value: { kind: 'exact', value: 1 } }, ctx())).rejects.toMatchObject({ code });
      }
      expect({ figures: await count('figures'), audit: await count('audit_log'), events: await count('events') }).toEqual(before);
      await report('ngo', { kind: 'exact', value: 902 }, '2025-12-20');
      expect({ figures: await count('figures'), audit: await count('audit_log'), events: await count('events') }).toEqual({
        figures: before.figures + 1,
        audit: before.audit + 1,
        events: before.events + 1,
      });
    });

    it('refuses a correction without a reason or with the same value', async () => {
      const figure = await report('ngo', { kind: 'exact', value: 902 }, '2025-12-20');
      await expect(correctFigure(handle.db, figure.id, { kind: 'exact', value: 903 }, '  ', ctx())).rejects.toMatchObject({ code: 'reason_required' });
      await expect(correctFigure(handle.db, figure.id, { kind: 'exact', value: 902 }, 'why', ctx())).rejects.toMatchObject({ code: 'unchanged_value' });
      await expect(retractFigure(handle.db, 9999, 'why', ctx())).rejects.toMatchObject({ code: 'figure_not_found' });
    });
  });
}
