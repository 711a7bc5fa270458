// Domain errors on every API route carry the catalog's message in the request's language:
// `?lang=`, else `Accept-Language`, else DEFAULT_LOCALE; on SQLite and PostgreSQL.
import { beforeEach, describe, expect, it } from 'vitest';
import { acceptedLocale } from '../../src/http/request-locale.js';
import { buildWriteApp, call } from '../admin/api-support.js';
import { describeAppOnEachDialect, type Harness } from './harness.js';

interface ErrorAnswer {
  readonly status: number;
  readonly vary: string | null;
  readonly error: { code: string; message: string; params: Record<string, unknown> };
}

async function fetchError(h: Harness, path: string, headers: Record<string, string> = {}): Promise<ErrorAnswer> {
  const response = await h.app.request(path, { headers });
  const body = (await response.json()) as { error: ErrorAnswer['error'] };
  return { status: response.status, vary: response.headers.get('Vary'), error: body.error };
}

describe('acceptedLocale', () => {
  it.each([
    [undefined, 'es'],
    ['', 'es'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, en;q=0.5, es;q=0.8', 'es'],
    ['es-VE;q=0.3, EN-gb;q=0.4', 'en'],
    ['en;q=0, es;q=0.1', 'es'],
    ['en;q=0', 'es'],
    ['fr, de', 'es'],
    ['*', 'es'],
    ['en;q=abc', 'es'],
  ] as const)('%j -> %s', (header, expected) => {
    expect(acceptedLocale(header, 'es')).toBe(expected);
  });

  it('falls back to the given default', () => {
    expect(acceptedLocale('de', 'en')).toBe('en');
  });
});

describeAppOnEachDialect('API error language', {}, (current) => {
  let h: Harness;
  beforeEach(() => {
    h = current();
  });

  it('explains an unknown indicator in readable Spanish by default, with the same code and params', async () => {
    const answer = await fetchError(h, '/api/v1/indicators/presos');
    expect(answer.status).toBe(404);
    expect(answer.error).toMatchObject({ code: 'unknown_indicator', params: { input: 'presos' } });
    expect(answer.error.message).toBe('No existe el indicador «presos». ¿Quisiste decir political-prisoners?');
    expect(answer.error.message).not.toContain('{');
  });

  it('follows ?lang=, else Accept-Language, on every read route', async () => {
    const english = 'There is no indicator "presos". Did you mean political-prisoners?';
    expect((await fetchError(h, '/api/v1/indicators/presos?lang=en')).error.message).toBe(english);
    const byHeader = await fetchError(h, '/api/v1/indicators/presos', { 'Accept-Language': 'en-US,en;q=0.9,es;q=0.5' });
    expect(byHeader.error.message).toBe(english);
    expect(byHeader.vary).toContain('Accept-Language');
    // ?lang= wins over the header.
    expect((await fetchError(h, '/api/v1/indicators/presos?lang=es', { 'Accept-Language': 'en' })).error.message).toMatch(/^No existe el indicador/);
    expect((await fetchError(h, '/api/v1/indicators/presos/figures', { 'Accept-Language': 'en' })).error.message).toBe(english);
    const source = await fetchError(h, '/api/v1/indicators/political-prisoners/figures?source=nadie&lang=en');
    expect(source).toMatchObject({ status: 404, error: { code: 'unknown_source', message: 'There is no source "nadie". Use /sources to see the list.' } });
    const format = await fetchError(h, '/api/v1/indicators/political-prisoners/figures?format=xml');
    expect(format).toMatchObject({ status: 422, error: { code: 'invalid_field', message: '«xml» no sirve como formato (format). Se acepta: json, csv.' } });
  });

  it('explains an unsupported ?lang= in the language of Accept-Language, else the default', async () => {
    const byDefault = await fetchError(h, '/api/v1/indicators?lang=fr');
    expect(byDefault).toMatchObject({ status: 422, error: { code: 'invalid_field', params: { field: 'lang', input: 'fr' } } });
    expect(byDefault.error.message).toBe('«fr» no sirve como idioma (lang). Se acepta: es, en.');
    expect((await fetchError(h, '/api/v1/indicators?lang=fr', { 'Accept-Language': 'en' })).error.message).toBe('"fr" is not a valid language (lang). Accepted: es, en.');
  });

  it('also follows Accept-Language in the display texts of successful answers', async () => {
    const response = await h.app.request('/api/v1/indicators/political-prisoners', { headers: { 'Accept-Language': 'en' } });
    expect(await response.json()).toMatchObject({ latest: [{ asOf: { display: '20 Dec 2025' } }] });
    expect(response.headers.get('Vary')).toBe('Accept-Language');
    const pinned = await h.app.request('/api/v1/indicators/political-prisoners?lang=es', { headers: { 'Accept-Language': 'en' } });
    expect(await pinned.json()).toMatchObject({ latest: [{ asOf: { display: '20 dic 2025' } }] });
  });

  it('uses Accept-Language for the write API too, and for its refusal of ?lang=', async () => {
    const app = buildWriteApp(h.handle);
    const unknown = await call(app, '/api/v1/figures', {
      body: { indicator: 'nope', source: 'foro-penal', value: '1', asOf: '2025-12-01', url: 'https://example.org' },
      headers: { 'Accept-Language': 'en' },
    });
    expect(unknown).toMatchObject({ status: 422, body: { error: { code: 'unknown_indicator', message: 'There is no indicator "nope". Use /indicators to see the list.' } } });
    const badLang = await call(app, '/api/v1/figures/1/retraction?lang=fr', { body: { reason: 'x' }, headers: { 'Accept-Language': 'en' } });
    expect(badLang).toMatchObject({ status: 422, body: { error: { code: 'invalid_field', message: '"fr" is not a valid language (lang). Accepted: es, en.' } } });
  });
});
