// The HTTP API under bad input (issue 16: items 2, 3, 11), on SQLite and PostgreSQL: values and ids
// above PostgreSQL's integer, NUL and bidirectional controls in any write field or in a read's
// path or query. Each gets a 4xx with a translated message — never a 500 on either engine — and
// nothing is written. The import (`cifras import`) refuses the same texts row by row.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { App } from '../../src/http/app.js';
import { importFile } from '../../src/import/import-file.js';
import { buildWriteApp, call, FIGURE } from '../admin/api-support.js';
import { counts, NOW, prepare } from '../admin/chat-support.js';
import { dialects } from '../support/databases.js';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`API under bad input (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let app: App;
    beforeAll(async () => {
      handle = await dialect.open();
      await prepare(handle.db);
      app = buildWriteApp(handle);
    });
    afterAll(async () => {
      await handle.close();
    });

    /** Sends a write in Spanish and in English; both refused with `status`, nothing written. */
    async function refused(method: 'POST' | 'PUT', path: string, body: unknown, status: number): Promise<{ es: Record<string, unknown>; en: Record<string, unknown> }> {
      const before = await counts(handle.db);
      const answers: Record<string, Record<string, unknown>> = {};
      for (const lang of ['es', 'en'] as const) {
        const response = await call(app, `${path}?lang=${lang}`, { method, body });
        expect(response.status, JSON.stringify(response.body)).toBe(status);
        answers[lang] = (response.body['error'] ?? {}) as Record<string, unknown>;
      }
      expect(await counts(handle.db)).toEqual(before);
      return { es: answers['es']!, en: answers['en']! };
    }

    it.each<[string, unknown]>([
      ['3000000000 as a number', 3_000_000_000],
      ['3000000000 as text', '3000000000'],
      ['{"exact": 2147483648}', { exact: 2_147_483_648 }],
      ['a range ending above the limit', { low: 1, high: 2_147_483_648 }],
      ['1e300', 1e300],
    ])('refuses a value of %s with 422 value_too_large, in each language', async (_name, value) => {
      const { es, en } = await refused('POST', '/api/v1/figures', { ...FIGURE, value }, 422);
      expect(es).toMatchObject({ code: 'value_too_large', params: { max: 2_147_483_647, field: 'value' } });
      expect(String(es['message'])).toContain('una cifra llega como máximo a 2.147.483.647');
      expect(String(en['message'])).toContain('a figure goes up to 2,147,483,647');
    });

    it('takes 2,147,483,647 itself', async () => {
      const response = await call(app, '/api/v1/figures', { body: { ...FIGURE, value: 2_147_483_647 } });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ value: { exact: 2_147_483_647 } });
    });

    it.each([
      ['/api/v1/figures/99999999999/corrections', { value: '5', reason: 'recount' }],
      ['/api/v1/figures/2147483648/corrections', { value: '5', reason: 'recount' }],
      ['/api/v1/figures/2147483648/retraction', { reason: 'duplicate' }],
      ['/api/v1/figures/%232147483648/retraction', { reason: 'duplicate' }],
    ])('answers %s with 404: no figure can have that id', async (path, body) => {
      const { es } = await refused('POST', path, body, 404);
      expect(es).toMatchObject({ code: 'figure_not_found' });
      expect(String(es['message'])).toMatch(/^No existe la cifra #/);
    });

    it.each<[string, 'POST' | 'PUT', string, unknown, string]>([
      ['a NUL in a note', 'POST', '/api/v1/figures', { ...FIGURE, note: 'boletín\u0000' }, 'note'],
      ['an override in a localized note', 'POST', '/api/v1/figures', { ...FIGURE, note: { es: 'ok', en: '\u202Eok' } }, 'note'],
      ['a NUL in the URL', 'POST', '/api/v1/figures', { ...FIGURE, url: 'https://e.org/\u0000' }, 'url'],
      ['a lone surrogate in a note', 'POST', '/api/v1/figures', { ...FIGURE, note: 'a\ud800b' }, 'note'],
      ['an isolate in a correction reason', 'POST', '/api/v1/figures/1/corrections', { value: '905', reason: 'recuento \u2068' }, 'reason'],
      ['a NUL in a retraction reason', 'POST', '/api/v1/figures/1/retraction', { reason: '\u0000' }, 'reason'],
      ['a NUL in an indicator name', 'PUT', '/api/v1/indicators/nul-test', { kind: 'stock', name: { es: 'a\u0000', en: 'a' } }, 'name.es'],
      ['an override in an alias', 'PUT', '/api/v1/indicators/nul-test', { kind: 'stock', name: { es: 'a', en: 'a' }, aliases: { es: ['\u202Ex'], en: [] } }, 'aliases.es'],
      ['a mark in a description', 'PUT', '/api/v1/indicators/nul-test', { kind: 'stock', name: { es: 'a', en: 'a' }, description: { es: 'x', en: '\u200Ex' } }, 'description.en'],
      ['a NUL in a region', 'PUT', '/api/v1/indicators/nul-test', { kind: 'stock', name: { es: 'a', en: 'a' }, region: '\u0000' }, 'region'],
      ['a NUL in a source name', 'PUT', '/api/v1/sources/nul-test', { kind: 'ngo', name: 'ONG\u0000' }, 'name'],
      ['an override in a source homepage', 'PUT', '/api/v1/sources/nul-test', { kind: 'ngo', name: 'ONG', url: 'https://e.org/\u202E' }, 'url'],
    ])('refuses %s with 400 unsafe_text naming the field, in each language', async (_name, method, path, body, field) => {
      const { es, en } = await refused(method, path, body, 400);
      expect(es).toMatchObject({ code: 'unsafe_text', params: { field } });
      expect(String(es['message'])).toContain('contiene un carácter invisible');
      expect(String(en['message'])).toContain('holds an invisible character');
    });

    it.each([
      '/api/v1/indicators/%00',
      '/api/v1/indicators/%00/figures',
      '/api/v1/indicators/political-prisoners/figures?source=%00',
      '/api/v1/indicators/political-prisoners/figures?format=csv&source=%00',
      '/api/v1/indicators/%E2%80%AE',
      '/api/v1/indicators/political-prisoners/figures?source=foro%00penal',
    ])('answers the read %s with a translated 404, never a 500', async (path) => {
      const response = await app.request(`${path}${path.includes('?') ? '&' : '?'}lang=en`);
      expect(response.status).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toMatch(/^unknown_(indicator|source)$/);
      expect(body.error.message).toMatch(/^There is no (indicator|source) /);
    });

    it('refuses a file whose note holds a bidirectional override, row by row, importing nothing', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cifras-abuse-'));
      try {
        const path = join(dir, 'figures.csv');
        writeFileSync(path, 'indicator,source,value,as_of,url,note\r\n' +
          'political-prisoners,foro-penal,910,2025-12-28,https://e.org/ok,fine\r\n' +
          'political-prisoners,foro-penal,911,2025-12-27,https://e.org/x,"según \u202E57"\r\n' +
          'political-prisoners,foro-penal,3000000000,2025-12-26,https://e.org/y,\r\n');
        const before = await counts(handle.db);
        const outcome = await importFile(handle.db, path, { actor: 'cli', now: NOW });
        expect(outcome).toEqual({
          ok: false,
          errors: [
            { where: 'line 3', reason: expect.stringMatching(/^note: holds the invisible character U\+202E/) as unknown },
            { where: 'line 4', reason: expect.stringMatching(/^value: value "3000000000" is too large/) as unknown },
          ],
        });
        expect(await counts(handle.db)).toEqual(before);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
