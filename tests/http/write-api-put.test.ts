// PUT /api/v1/indicators/:slug and PUT /api/v1/sources/:slug update only the fields they are
// given, refuse to change the kind of an indicator that has figures, and audit every update; on
// SQLite and PostgreSQL, with the bundled demo data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { listIndicators } from '../../src/domain/indicators.js';
import { lookupIndicator } from '../../src/domain/lookup.js';
import type { App } from '../../src/http/app.js';
import { buildWriteApp, call } from '../admin/api-support.js';
import { dialects } from '../support/databases.js';

const PRISONERS = '/api/v1/indicators/political-prisoners';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`write API PUT (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let app: App;

    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2025-12-26T00:00:00Z') });
      app = buildWriteApp(handle);
    });
    afterEach(async () => {
      await handle.close();
    });

    async function audits(target: string) {
      return handle.db.selectFrom('audit_log').selectAll().where('target', '=', target).orderBy('id').execute();
    }

    it('takes aliases in one language alone and keeps the other', async () => {
      const before = (await (await app.request(PRISONERS)).json()) as { aliases: { en: string[] } };
      const updated = await call(app, PRISONERS, {
        method: 'PUT',
        body: { kind: 'stock', name: { es: 'Presos políticos', en: 'Political prisoners' }, aliases: { es: ['presos', 'detenidos políticos'] } },
      });
      expect(updated.status, JSON.stringify(updated.body)).toBe(200);
      expect(updated.body['aliases']).toEqual({ es: ['presos', 'detenidos políticos'], en: before.aliases.en });
      expect(before.aliases.en.length).toBeGreaterThan(0);
    });

    it('keeps the aliases, description, region, unit and staleness an indicator update leaves out', async () => {
      const before = (await (await app.request(PRISONERS)).json()) as Record<string, unknown>;
      const updated = await call(app, PRISONERS, {
        method: 'PUT',
        body: { kind: 'stock', name: { es: 'Presos políticos en Venezuela', en: 'Political prisoners in Venezuela' } },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        names: { es: 'Presos políticos en Venezuela', en: 'Political prisoners in Venezuela' },
        aliases: { es: expect.arrayContaining(['presos políticos']) },
        region: 'VE',
        unit: 'people',
        staleAfterDays: 30,
      });
      expect(updated.body['aliases']).toEqual(before['aliases']);
      expect(updated.body['description']).toEqual(before['description']);
      // What `/count presos politicos` asks: it still finds the indicator.
      const found = lookupIndicator(await listIndicators(handle.db), 'presos politicos');
      expect(found).toMatchObject({ kind: 'match', indicator: { slug: 'political-prisoners' } });
    });

    it('changes the fields it is given, null clearing the region, and audits the update with before and after', async () => {
      const updated = await call(app, PRISONERS, {
        method: 'PUT',
        body: { kind: 'stock', name: { es: 'Presos políticos', en: 'Political prisoners' }, region: null, staleAfterDays: 7, aliases: { es: ['presos'], en: [] } },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ region: null, staleAfterDays: 7, aliases: { es: ['presos'], en: [] }, description: { es: expect.stringMatching(/./) } });
      const rows = await audits('indicator:political-prisoners');
      const last = rows.at(-1)!;
      expect([last.actor, last.action]).toEqual(['api', 'indicator.update']);
      expect(JSON.parse(last.before!)).toMatchObject({ region: 'VE', staleAfterDays: 30 });
      expect(JSON.parse(last.after!)).toMatchObject({ region: null, staleAfterDays: 7, aliases: { es: ['presos'] } });
    });

    it('writes nothing and audits nothing when an update changes nothing', async () => {
      const body = { kind: 'stock', name: { es: 'Presos políticos', en: 'Political prisoners' }, region: null, staleAfterDays: 7 };
      expect((await call(app, PRISONERS, { method: 'PUT', body })).status).toBe(200);
      const auditsAfterFirst = (await audits('indicator:political-prisoners')).length;
      const again = await call(app, PRISONERS, { method: 'PUT', body });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ region: null, staleAfterDays: 7 });
      expect(await audits('indicator:political-prisoners')).toHaveLength(auditsAfterFirst);
      const source = { kind: 'ngo', name: 'Foro Penal' };
      await call(app, '/api/v1/sources/foro-penal', { method: 'PUT', body: source });
      const sourceAudits = (await audits('source:foro-penal')).length;
      expect((await call(app, '/api/v1/sources/foro-penal', { method: 'PUT', body: source })).status).toBe(200);
      expect(await audits('source:foro-penal')).toHaveLength(sourceAudits);
    });

    it('refuses to change the kind of an indicator with figures: 409, translated, nothing written', async () => {
      const auditsBefore = (await audits('indicator:political-prisoners')).length;
      const refused = await call(app, `${PRISONERS}?lang=en`, { method: 'PUT', body: { kind: 'flow', name: { es: 'Presos', en: 'Prisoners' } } });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        error: { code: 'indicator_kind_locked', params: { field: 'kind', slug: 'political-prisoners', current: 'stock', input: 'flow', figures: 1 } },
      });
      const message = (refused.body as { error: { message: string } }).error.message;
      expect(message).toContain('"political-prisoners" already has 1 figure recorded as stock');
      const spanish = await call(app, PRISONERS, { method: 'PUT', body: { kind: 'flow', name: { es: 'Presos', en: 'Prisoners' } } });
      expect(spanish.status).toBe(409);
      expect((spanish.body as { error: { message: string } }).error.message).toContain('«political-prisoners» ya tiene 1 cifra registrada como stock');
      expect(await audits('indicator:political-prisoners')).toHaveLength(auditsBefore);
      const kept = await handle.db.selectFrom('indicators').select(['kind', 'name_en']).where('slug', '=', 'political-prisoners').executeTakeFirstOrThrow();
      expect(kept).toEqual({ kind: 'stock', name_en: 'Political prisoners' });
    });

    it('lets the kind change while the indicator has no figures', async () => {
      const path = '/api/v1/indicators/releases-2026';
      expect((await call(app, path, { method: 'PUT', body: { kind: 'stock', name: { es: 'Excarcelaciones', en: 'Releases' } } })).status).toBe(201);
      const changed = await call(app, path, { method: 'PUT', body: { kind: 'flow', name: { es: 'Excarcelaciones', en: 'Releases' } } });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ kind: 'flow', staleAfterDays: 30, aliases: { es: [], en: [] } });
    });

    it('keeps the homepage and description a source update leaves out; null removes the homepage; audited', async () => {
      const path = '/api/v1/sources/foro-penal';
      const updated = await call(app, path, { method: 'PUT', body: { kind: 'ngo', name: 'Foro Penal Venezolano' } });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ name: 'Foro Penal Venezolano', url: 'https://foropenal.com', description: { es: expect.stringMatching(/^ONG venezolana/) } });
      const cleared = await call(app, path, { method: 'PUT', body: { kind: 'ngo', name: 'Foro Penal', url: null } });
      expect(cleared.body).toMatchObject({ url: null, description: { en: expect.stringMatching(/^Venezuelan NGO/) } });
      const rows = await audits('source:foro-penal');
      expect(rows.slice(-2).map((r) => r.action)).toEqual(['source.update', 'source.update']);
      expect(JSON.parse(rows.at(-1)!.before!)).toMatchObject({ url: 'https://foropenal.com' });
      expect(JSON.parse(rows.at(-1)!.after!)).toMatchObject({ url: null });
    });
  });
}
