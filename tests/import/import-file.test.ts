// importFile end to end on both databases: valid files are written, a file with one bad row is
// refused whole and leaves every table as it was, a failure midway rolls everything back, and a
// re-run import skips the figures already recorded (no duplicate, no second notification).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { listAudit } from '../../src/domain/audit.js';
import { correctFigure, reportFigure, retractFigure } from '../../src/domain/figures.js';
import { DEMO_DATASET, loadDataset } from '../../src/domain/seed.js';
import { importFile } from '../../src/import/import-file.js';
import { dialects } from '../support/databases.js';

const FIXTURES = 'tests/fixtures/import';
const now = new Date('2026-01-15T12:00:00Z');
const ctx = { actor: 'cli:import', now };
const TABLES = ['indicators', 'sources', 'figures', 'figure_revisions', 'audit_log', 'events'] as const satisfies readonly (keyof Database)[];
const HEADER = 'indicator,source,value,as_of,url,period_from,period_to,note';
const ROW = 'political-prisoners,foro-penal,902,2026-01-10,https://foropenal.com/r,,,';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cifras-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a CSV of `rows` under the header and returns its path. */
function csvFile(name: string, ...rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  return path;
}

async function rowCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`importFile on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    beforeEach(async () => {
      handle = await dialect.open();
      await loadDataset(handle.db, DEMO_DATASET, { actor: 'seed', now });
    });
    afterEach(async () => {
      await handle.close();
    });

    it('imports a good CSV of figures for existing indicators and sources', async () => {
      const before = await rowCounts(handle);
      const outcome = await importFile(handle.db, `${FIXTURES}/good.csv`, ctx);
      expect(outcome).toMatchObject({ ok: true, counts: { indicators: 0, sources: 0, figures: 3, alreadyRecorded: 0 } });
      expect((await rowCounts(handle))['figures']).toBe((before['figures'] ?? 0) + 3);
      const figure = await handle.db.selectFrom('figures').selectAll().where('url', '=', 'https://example.org/comunicado').executeTakeFirstOrThrow();
      expect(figure).toMatchObject({ as_of: '2026-01-05', period_from: '2026-01-01', period_to: '2026-01-05', recorded_by: 'cli:import', note_en: 'Second statement, "case by case"' });
      expect((await listAudit(handle.db, 1))[0]?.actor).toBe('cli:import');
    });

    it('imports a good JSON dataset: new indicator, new source, and their figures', async () => {
      const outcome = await importFile(handle.db, `${FIXTURES}/good.json`, ctx);
      expect(outcome).toMatchObject({ ok: true, counts: { indicators: 1, sources: 1, figures: 2, alreadyRecorded: 0 } });
      expect(outcome).toMatchObject({ counts: { indicatorChanges: { created: 1, updated: 0, unchanged: 0 }, sourceChanges: { created: 1, updated: 0, unchanged: 0 } } });
      const exiles = await handle.db.selectFrom('indicators').selectAll().where('slug', '=', 'exiles').executeTakeFirstOrThrow();
      expect(exiles.stale_after_days).toBe(90);
      const revisions = await handle.db
        .selectFrom('figure_revisions')
        .innerJoin('figures', 'figures.id', 'figure_revisions.figure_id')
        .select(['value_kind', 'value_low', 'value_high'])
        .where('figures.url', '=', 'https://observatory.example.org/prisoners')
        .execute();
      expect(revisions).toEqual([{ value_kind: 'range', value_low: 60, value_high: 75 }]);
    });

    it('refuses a CSV with one bad row among good ones and writes nothing', async () => {
      const before = await rowCounts(handle);
      const outcome = await importFile(handle.db, `${FIXTURES}/one-bad-row.csv`, ctx);
      expect(outcome).toEqual({
        ok: false,
        errors: [{ where: 'line 4', reason: expect.stringMatching(/^value: invalid value "about nine hundred"/) as unknown }],
      });
      expect(await rowCounts(handle)).toEqual(before);
    });

    it('refuses a JSON dataset with one bad figure and writes nothing, not even its source', async () => {
      const before = await rowCounts(handle);
      const outcome = await importFile(handle.db, `${FIXTURES}/one-bad-row.json`, ctx);
      expect(outcome).toEqual({
        ok: false,
        errors: [{ where: 'figures[2]', reason: 'url: invalid URL "ftp://foropenal.com/b" (must be an absolute http:// or https:// address)' }],
      });
      expect(await rowCounts(handle)).toEqual(before);
    });

    it('leaves the database unchanged when writing fails midway', async () => {
      const before = await rowCounts(handle);
      const crashAfterFirst = (done: number): void => {
        if (done === 1) throw new Error('disk unplugged');
      };
      await expect(importFile(handle.db, `${FIXTURES}/good.json`, ctx, { onFigure: crashAfterFirst })).rejects.toThrow('disk unplugged');
      expect(await rowCounts(handle)).toEqual(before);
    });

    it('skips every figure of a file imported a second time: no figure, revision, audit entry or event', async () => {
      await importFile(handle.db, `${FIXTURES}/good.csv`, ctx);
      const before = await rowCounts(handle);
      const again = await importFile(handle.db, `${FIXTURES}/good.csv`, ctx);
      expect(again).toMatchObject({ ok: true, counts: { indicators: 0, sources: 0, figures: 0, alreadyRecorded: 3 } });
      expect(await rowCounts(handle)).toEqual(before);
    });

    it('skips the seed dataset imported onto the seeded database (the seed and import agree)', async () => {
      const before = await rowCounts(handle);
      const outcome = await importFile(handle.db, 'db/seed/seed-figures.json', ctx);
      expect(outcome).toMatchObject({ ok: true, counts: { indicators: 3, sources: 3, figures: 0, alreadyRecorded: 4 } });
      // Nothing in the file differs from what the seed stored: nothing created or changed.
      expect(outcome).toMatchObject({ counts: { indicatorChanges: { created: 0, updated: 0, unchanged: 3 }, sourceChanges: { created: 0, updated: 0, unchanged: 3 } } });
      const after = await rowCounts(handle);
      expect([after['figures'], after['figure_revisions'], after['events']]).toEqual([before['figures'], before['figure_revisions'], before['events']]);
    });

    it('records only the new rows of a file that grew, and counts the rest as already recorded', async () => {
      const second = ROW.replace('2026-01-10', '2026-01-11');
      await importFile(handle.db, csvFile('first.csv', ROW), ctx);
      const before = await rowCounts(handle);
      const outcome = await importFile(handle.db, csvFile('grown.csv', ROW, second), ctx);
      expect(outcome).toMatchObject({ ok: true, counts: { indicators: 0, sources: 0, figures: 1, alreadyRecorded: 1 } });
      const after = await rowCounts(handle);
      expect([after['figures'], after['events']]).toEqual([(before['figures'] ?? 0) + 1, (before['events'] ?? 0) + 1]);
    });

    it('records a row that differs in date precision, value, url or period; a different note alone is skipped', async () => {
      await importFile(handle.db, csvFile('base.csv', ROW), ctx);
      const flow = 'post-election-releases,foro-penal,40,2026-01-10,https://foropenal.com/r';
      await importFile(handle.db, csvFile('flow.csv', `${flow},2026-01-01,2026-01-10,`), ctx);
      const rows = [
        ROW.replace('2026-01-10', '2026-01'),
        ROW.replace(',902,', ',~902,'),
        ROW.replace('/r,', '/s,'),
        `${flow},2026-01-02,2026-01-10,`,
        ROW.replace(/,$/, ',a note added later'),
      ];
      const outcome = await importFile(handle.db, csvFile('variants.csv', ...rows), ctx);
      expect(outcome).toMatchObject({ ok: true, counts: { indicators: 0, sources: 0, figures: 4, alreadyRecorded: 1 } });
    });

    it('skips a row equal to a corrected figure\'s original value or its current one; another value is new', async () => {
      const figure = await reportFigure(handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 902 }, asOf: '2026-01-10', url: 'https://foropenal.com/r' }, ctx);
      await correctFigure(handle.db, figure.id, { kind: 'exact', value: 910 }, 'typo in the report', ctx);
      const original = await importFile(handle.db, csvFile('original.csv', ROW), ctx);
      const current = await importFile(handle.db, csvFile('current.csv', ROW.replace(',902,', ',910,')), ctx);
      const other = await importFile(handle.db, csvFile('other.csv', ROW.replace(',902,', ',905,')), ctx);
      expect([original, current, other].map((o) => o.ok && [o.counts.figures, o.counts.alreadyRecorded])).toEqual([[0, 1], [0, 1], [1, 0]]);
    });

    it('records again a row whose figure was retracted: a retraction is not "already recorded"', async () => {
      const figure = await reportFigure(handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 902 }, asOf: '2026-01-10', url: 'https://foropenal.com/r' }, ctx);
      await retractFigure(handle.db, figure.id, 'wrong source', ctx);
      const outcome = await importFile(handle.db, csvFile('retracted.csv', ROW), ctx);
      expect(outcome).toMatchObject({ ok: true, counts: { indicators: 0, sources: 0, figures: 1, alreadyRecorded: 0 } });
    });

    it('refuses a file with two identical rows, naming both lines, and writes nothing', async () => {
      const before = await rowCounts(handle);
      const outcome = await importFile(handle.db, csvFile('twice.csv', ROW, ROW.replace('2026-01-10', '2026-01-11'), ROW), ctx);
      expect(outcome).toEqual({ ok: false, errors: [{ where: 'line 4', reason: 'same figure as line 2 (indicator, source, date, value, url and period all equal)' }] });
      expect(await rowCounts(handle)).toEqual(before);
    });

    it('refuses a file that is neither .csv nor .json', async () => {
      const outcome = await importFile(handle.db, `${FIXTURES}/figures.txt`, ctx);
      expect(outcome).toEqual({ ok: false, errors: [{ where: 'file', reason: `"${FIXTURES}/figures.txt" must end in .csv or .json` }] });
    });
  });
}
