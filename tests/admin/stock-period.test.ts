// A period belongs to a flow (what happened between two dates), never to a stock (a count as of a
// date): a figure for a stock indicator that carries one is refused, with a clear message, by
// the write API and by an import, and nothing is written. On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { importFile } from '../../src/import/import-file.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dialects } from '../support/databases.js';
import { buildWriteApp, call, FIGURE } from './api-support.js';
import { counts, NOW, prepare } from './chat-support.js';

const PERIOD = { from: '2025-12-01', to: '2025-12-29' };

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`a period on a stock indicator (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let dir: string;
    beforeAll(async () => {
      handle = await dialect.open();
      await prepare(handle.db);
      dir = mkdtempSync(join(tmpdir(), 'cifras-stock-'));
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await handle.close();
    });

    it('is refused by the write API in the request language, naming the indicator', async () => {
      const app = buildWriteApp(handle);
      const before = await counts(handle.db);
      const es = await call(app, '/api/v1/figures?lang=es', { body: { ...FIGURE, period: PERIOD } });
      expect(es.status).toBe(422);
      expect(es.body).toMatchObject({ error: { code: 'invalid_period', params: { reason: 'stock', indicator: 'political-prisoners' } } });
      expect(JSON.stringify(es.body)).toContain('El indicador «political-prisoners» es un recuento a una fecha: sus cifras no llevan periodo.');
      const en = await call(app, '/api/v1/figures?lang=en', { body: { ...FIGURE, period: PERIOD } });
      expect(JSON.stringify(en.body)).toContain('is a count as of a date: its figures take no period');
      expect(await counts(handle.db)).toEqual(before);
    });

    it('still takes a period on a flow indicator', async () => {
      const app = buildWriteApp(handle);
      const flow = await call(app, '/api/v1/figures', { body: { ...FIGURE, indicator: 'post-election-releases', value: '120', period: PERIOD } });
      expect(flow.status).toBe(201);
    });

    it('refuses an import whose stock figure has a period, writing nothing', async () => {
      const file = join(dir, 'stock-period.json');
      writeFileSync(file, JSON.stringify({ figures: [{ ...FIGURE, value: '870', period: PERIOD }] }));
      const before = await counts(handle.db);
      await expect(importFile(handle.db, file, { actor: 'cli:import', now: NOW })).rejects.toMatchObject({
        code: 'invalid_period',
        params: { reason: 'stock', indicator: 'political-prisoners' },
      });
      expect(await counts(handle.db)).toEqual(before);
    });
  });
}
