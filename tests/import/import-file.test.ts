// importFile end to end on both databases: valid files are written, a file with one bad row is
// refused whole and leaves every table as it was, and a failure midway rolls everything back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { listAudit } from '../../src/domain/audit.js';
import { DEMO_DATASET, loadDataset } from '../../src/domain/seed.js';
import { importFile } from '../../src/import/import-file.js';
import { dialects } from '../support/databases.js';

const FIXTURES = 'tests/fixtures/import';
const now = new Date('2026-01-15T12:00:00Z');
const ctx = { actor: 'cli:import', now };
const TABLES = ['indicators', 'sources', 'figures', 'figure_revisions', 'audit_log', 'events'] as const satisfies readonly (keyof Database)[];

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
      expect(outcome).toEqual({ ok: true, counts: { indicators: 0, sources: 0, figures: 3 } });
      expect((await rowCounts(handle))['figures']).toBe((before['figures'] ?? 0) + 3);
      const figure = await handle.db.selectFrom('figures').selectAll().where('url', '=', 'https://example.org/comunicado').executeTakeFirstOrThrow();
      expect(figure).toMatchObject({ as_of: '2026-01-05', period_from: '2026-01-01', period_to: '2026-01-05', recorded_by: 'cli:import', note_en: 'Second statement, "case by case"' });
      expect((await listAudit(handle.db, 1))[0]?.actor).toBe('cli:import');
    });

    it('imports a good JSON dataset: new indicator, new source, and their figures', async () => {
      const outcome = await importFile(handle.db, `${FIXTURES}/good.json`, ctx);
      expect(outcome).toEqual({ ok: true, counts: { indicators: 1, sources: 1, figures: 2 } });
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

    it('refuses a file that is neither .csv nor .json', async () => {
      const outcome = await importFile(handle.db, `${FIXTURES}/figures.txt`, ctx);
      expect(outcome).toEqual({ ok: false, errors: [{ where: 'file', reason: `"${FIXTURES}/figures.txt" must end in .csv or .json` }] });
    });
  });
}
