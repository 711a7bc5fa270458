// The write API's handling of what clients send, on both databases: value forms (string and
// object), dates, URLs, body shape, size and media type, reasons, Idempotency-Key replays, and
// admin-typed markup kept as data. Every refused request writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { App } from '../../src/http/app.js';
import { dialects } from '../support/databases.js';
import { buildWriteApp, call, FIGURE, figureIds } from './api-support.js';
import { counts, prepare } from './chat-support.js';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`write API input (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let app: App;
    // One database for the file: every test makes its own figures and keys, and checks changes
    // relative to what was there before it.
    beforeAll(async () => {
      handle = await dialect.open();
      await prepare(handle.db);
      app = buildWriteApp(handle);
    });
    afterAll(async () => {
      await handle.close();
    });

    /** Sends the request and checks it was refused with `status` and wrote nothing. */
    async function refused(path: string, body: unknown, status: number, extra: { method?: 'POST' | 'PUT'; headers?: Record<string, string> } = {}) {
      const before = await counts(handle.db);
      const response = await call(app, path, { body, ...extra });
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expect(await counts(handle.db)).toEqual(before);
      return response.body;
    }

    /** A new figure of its own for a test to correct or retract. */
    async function newFigure(value = '902'): Promise<number> {
      const response = await call(app, '/api/v1/figures', { body: { ...FIGURE, value } });
      expect(response.status).toBe(201);
      return Number(response.body['id']);
    }

    it('answers 201 with the figure and its public id, recorded by `api`', async () => {
      const response = await call(app, '/api/v1/figures', { body: { ...FIGURE, note: 'from the 29 Dec bulletin' } });
      expect(response.status).toBe(201);
      const [id] = await figureIds(handle.db);
      expect(response.body).toMatchObject({
        id,
        indicator: 'political-prisoners',
        source: { slug: 'foro-penal' },
        value: { exact: 863 },
        asOf: { text: '2025-12-29', precision: 'day' },
        url: 'https://example.org/a',
        note: { es: 'from the 29 Dec bulletin', en: 'from the 29 Dec bulletin' },
        retracted: false,
      });
      const audit = await handle.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ actor: 'api', action: 'figure.report', target: `figure:${id}` });
    });

    it.each([
      ['902', { exact: 902 }],
      ['1.085', { exact: 1085 }],
      ['1,085', { exact: 1085 }],
      ['~2400', { approx: 2400 }],
      ['>=60', { atLeast: 60 }],
      ['60+', { atLeast: 60 }],
      ['<=75', { atMost: 75 }],
      ['60–75', { low: 60, high: 75 }],
      [902, { exact: 902 }],
      [{ exact: 902 }, { exact: 902 }],
      [{ approx: 2400 }, { approx: 2400 }],
      [{ atLeast: 60 }, { atLeast: 60 }],
      [{ atMost: 75 }, { atMost: 75 }],
      [{ low: 60, high: 75 }, { low: 60, high: 75 }],
    ])('accepts the value %j', async (value, stored) => {
      const response = await call(app, '/api/v1/figures', { body: { ...FIGURE, value } });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body['value']).toEqual(stored);
    });

    it.each([['1.5'], ['-3'], ['many'], ['75-60'], [''], [-1], [1.5], [{ exact: -1 }], [{ exact: 1, approx: 2 }], [{ low: 60 }], [{ exactly: 5 }]])(
      'refuses the value %j with 422 naming the field and the accepted forms',
      async (value) => {
        const body = await refused('/api/v1/figures', { ...FIGURE, value }, 422);
        expect(body).toMatchObject({ error: { code: 'invalid_value', params: { field: 'value', accepted: expect.arrayContaining(['~2400', '60-75']) } } });
        expect(JSON.stringify(body)).toContain('60-75 (');
      },
    );

    it.each([
      ['2026-01-06', 'future_date'],
      ['2027', 'future_date'],
      ['2025-02-30', 'invalid_date'],
      ['29/12/2025', 'invalid_date'],
      ['yesterday', 'invalid_date'],
    ])('refuses the as-of date %s (%s)', async (asOf, code) => {
      const body = await refused('/api/v1/figures', { ...FIGURE, asOf }, 422);
      expect(body).toMatchObject({ error: { code, params: { field: 'asOf' } } });
    });

    it('accepts the current month and year: they have begun', async () => {
      expect((await call(app, '/api/v1/figures', { body: { ...FIGURE, asOf: '2026-01' } })).status).toBe(201);
      expect((await call(app, '/api/v1/figures', { body: { ...FIGURE, asOf: '2026' } })).status).toBe(201);
    });

    it.each([['javascript:alert(1)'], ['ftp://example.org/a'], ['example.org/a'], ['https://'], ['']])('refuses the URL %j', async (url) => {
      const body = await refused('/api/v1/figures', { ...FIGURE, url }, 422);
      expect(body).toMatchObject({ error: { code: 'invalid_url', params: { field: 'url' } } });
    });

    it('refuses an unknown indicator or source with 422 naming the field', async () => {
      expect(await refused('/api/v1/figures', { ...FIGURE, indicator: 'prisoners' }, 422)).toMatchObject({
        error: { code: 'unknown_indicator', params: { field: 'indicator' } },
      });
      expect(await refused('/api/v1/figures', { ...FIGURE, source: 'nobody' }, 422)).toMatchObject({
        error: { code: 'unknown_source', params: { field: 'source' } },
      });
    });

    it('refuses a body of the wrong shape with 400 naming each field', async () => {
      const { value: _value, ...withoutValue } = FIGURE;
      const missing = await refused('/api/v1/figures', withoutValue, 400);
      expect(missing).toMatchObject({ error: { code: 'invalid_request', params: { issues: [{ field: 'value' }] } } });
      expect(JSON.stringify(missing)).toContain('{\\"exact\\": n}');
      const extra = await refused('/api/v1/figures', { ...FIGURE, recordedBy: 'someone' }, 400);
      expect(JSON.stringify(extra)).toContain('recordedBy');
      const wrongType = await refused('/api/v1/figures', { ...FIGURE, asOf: 20251229 }, 400);
      expect(wrongType).toMatchObject({ error: { params: { issues: [{ field: 'asOf' }] } } });
      expect(JSON.stringify(wrongType)).toContain('AAAA-MM-DD');
    });

    it('refuses malformed JSON (400), a non-JSON body (415) and a body over 64 KiB (413)', async () => {
      await refused('/api/v1/figures', '{"indicator": ', 400);
      await refused('/api/v1/figures', 'value=863', 415, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      const body = await refused('/api/v1/figures', { ...FIGURE, note: 'x'.repeat(70 * 1024) }, 413);
      expect(body).toMatchObject({ error: { code: 'payload_too_large' } });
    });

    it('corrects with a reason (old value kept as a revision) and refuses a missing or blank reason', async () => {
      const id = await newFigure();
      await refused(`/api/v1/figures/${id}/corrections`, { value: '905' }, 400);
      const blank = await refused(`/api/v1/figures/${id}/corrections`, { value: '905', reason: '   ' }, 422);
      expect(blank).toMatchObject({ error: { code: 'reason_required', params: { field: 'reason' } } });
      const response = await call(app, `/api/v1/figures/${id}/corrections`, { body: { value: '905', reason: 'updated count' } });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        id,
        value: { exact: 905 },
        revisions: [
          { revision: 1, kind: 'report', value: { exact: 902 }, reason: null },
          { revision: 2, kind: 'correction', value: { exact: 905 }, reason: 'updated count' },
        ],
      });
      await refused(`/api/v1/figures/${id}/corrections`, { value: '905', reason: 'again' }, 409);
    });

    it('retracts with a reason, keeps the figure, and refuses a second retraction or an unknown figure', async () => {
      const id = await newFigure();
      await refused(`/api/v1/figures/${id}/retraction`, {}, 400);
      const response = await call(app, `/api/v1/figures/${id}/retraction`, { body: { reason: 'wrong bulletin' } });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id, retracted: true, revisions: [{ kind: 'report' }, { kind: 'retraction', reason: 'wrong bulletin' }] });
      expect(await figureIds(handle.db)).toContain(id);
      expect(await refused(`/api/v1/figures/${id}/retraction`, { reason: 'again' }, 409)).toMatchObject({ error: { code: 'figure_retracted' } });
      expect(await refused(`/api/v1/figures/${id}/corrections`, { value: 1, reason: 'x' }, 409)).toMatchObject({ error: { code: 'figure_retracted' } });
      expect(await refused('/api/v1/figures/99999/retraction', { reason: 'x' }, 404)).toMatchObject({ error: { code: 'figure_not_found' } });
      // Not a figure number at all: the request is wrong, not the figure missing.
      await refused('/api/v1/figures/abc/retraction', { reason: 'x' }, 400);
    });

    it('creates an indicator (201), updates it (200), and audits both with before and after', async () => {
      const path = '/api/v1/indicators/releases-2026';
      const created = await call(app, path, { method: 'PUT', body: { kind: 'flow', name: { es: 'Excarcelaciones', en: 'Releases' } } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ slug: 'releases-2026', kind: 'flow', staleAfterDays: 30 });
      const updated = await call(app, path, {
        method: 'PUT',
        body: { kind: 'flow', name: { es: 'Excarcelaciones 2026', en: 'Releases 2026' }, staleAfterDays: 7 },
      });
      expect(updated.status).toBe(200);
      const rows = await handle.db.selectFrom('audit_log').selectAll().where('target', '=', 'indicator:releases-2026').orderBy('id').execute();
      expect(rows.map((r) => [r.actor, r.action])).toEqual([['api', 'indicator.create'], ['api', 'indicator.update']]);
      expect(JSON.parse(rows[1]!.before!)).toMatchObject({ name: { en: 'Releases' } });
      expect(JSON.parse(rows[1]!.after!)).toMatchObject({ name: { en: 'Releases 2026' }, staleAfterDays: 7 });
      await refused('/api/v1/indicators/Bad Slug', { kind: 'flow', name: { es: 'x', en: 'x' } }, 422, { method: 'PUT' });
      await refused(path, { kind: 'sometimes', name: { es: 'x', en: 'x' } }, 400, { method: 'PUT' });
    });

    it('creates and updates a source, refusing a non-http homepage', async () => {
      const path = '/api/v1/sources/jep';
      expect((await call(app, path, { method: 'PUT', body: { kind: 'ngo', name: 'JEP' } })).status).toBe(201);
      expect((await call(app, path, { method: 'PUT', body: { kind: 'ngo', name: 'JEP', url: 'https://example.org' } })).status).toBe(200);
      const body = await refused(path, { kind: 'ngo', name: 'JEP', url: 'javascript:alert(1)' }, 422, { method: 'PUT' });
      expect(body).toMatchObject({ error: { code: 'invalid_url', params: { field: 'url' } } });
    });

    it('replays a retried POST with the same Idempotency-Key and creates one figure', async () => {
      const headers = { 'Idempotency-Key': 'report-863-2025-12-29' };
      const before = await counts(handle.db);
      const first = await call(app, '/api/v1/figures', { body: FIGURE, headers });
      const second = await call(app, '/api/v1/figures', { body: FIGURE, headers });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('Idempotent-Replayed')).toBe('true');
      const after = await counts(handle.db);
      expect(after['figures']).toBe(before['figures']! + 1);
      expect(after['audit_log']).toBe(before['audit_log']! + 1);
      expect(after['idempotency_keys']).toBe(before['idempotency_keys']! + 1);

      const reused = await refused('/api/v1/figures', { ...FIGURE, value: '864' }, 422, { headers });
      expect(reused).toMatchObject({ error: { code: 'idempotency_key_reused' } });
      const id = Number(first.body['id']);
      await refused(`/api/v1/figures/${id}/corrections`, { value: '1', reason: 'x' }, 422, { headers });
    });

    it('replays concurrent requests with one key as one write', async () => {
      const headers = { 'Idempotency-Key': 'concurrent-1' };
      const before = await counts(handle.db);
      const answers = await Promise.all([1, 2, 3].map(() => call(app, '/api/v1/figures', { body: FIGURE, headers })));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((a) => a.body['id'])).size).toBe(1);
      expect((await counts(handle.db))['figures']).toBe(before['figures']! + 1);
    });

    it('does not store a refused request: fixing it and retrying with the key works', async () => {
      const headers = { 'Idempotency-Key': 'fix-and-retry' };
      await refused('/api/v1/figures', { ...FIGURE, source: 'not-yet' }, 422, { headers });
      expect((await call(app, '/api/v1/figures', { body: FIGURE, headers })).status).toBe(201);
    });

    it('without a key, each POST is a new figure', async () => {
      const before = await counts(handle.db);
      await call(app, '/api/v1/figures', { body: FIGURE });
      await call(app, '/api/v1/figures', { body: FIGURE });
      expect((await counts(handle.db))['figures']).toBe(before['figures']! + 2);
    });

    it('refuses an Idempotency-Key that is not printable ASCII', async () => {
      await refused('/api/v1/figures', FIGURE, 400, { headers: { 'Idempotency-Key': 'clé' } });
    });

    it('keeps admin-typed markup as data', async () => {
      const note = '<b>bold</b> @everyone *stars* _under_ [link](javascript:alert(1)) `code`';
      const response = await call(app, '/api/v1/figures', { body: { ...FIGURE, note } });
      expect(response.body['note']).toEqual({ es: note, en: note });
      const id = Number(response.body['id']);
      const retracted = await call(app, `/api/v1/figures/${id}/retraction`, { body: { reason: '<i>dup</i> @here' } });
      expect(retracted.body).toMatchObject({ revisions: [{}, { reason: '<i>dup</i> @here' }] });
    });
  });
}
