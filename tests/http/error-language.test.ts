// Domain errors on every API route carry the catalog's message in the request's language:
// `?lang=`, else `Accept-Language`, else DEFAULT_LOCALE; on SQLite and PostgreSQL.
import { beforeEach, describe, expect, it } from 'vitest';
import { acceptedLocale } from '../../src/http/request-locale.js';
import { buildWriteApp, call, FIGURE } from '../admin/api-support.js';
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
    expect(answer.error.message).toBe('No existe el indicador «presos». Usa /indicadores para ver la lista.');
    expect(answer.error.message).not.toContain('{');
  });

  it('follows ?lang=, else Accept-Language, on every read route', async () => {
    const english = 'There is no indicator "presos". Use /indicators to see the list.';
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
    expect(format).toMatchObject({ status: 400, error: { code: 'invalid_request', message: 'La petición no es válida. «formato» debe ser uno de estos: json, csv.' } });
  });

  it('explains an unsupported ?lang= in the language of Accept-Language, else the default', async () => {
    const byDefault = await fetchError(h, '/api/v1/indicators?lang=fr');
    expect(byDefault).toMatchObject({ status: 400, error: { code: 'invalid_request', params: { issues: [{ field: 'lang', problem: 'choice' }] } } });
    expect(byDefault.error.message).toBe('La petición no es válida. «idioma» debe ser uno de estos: es, en.');
    expect((await fetchError(h, '/api/v1/indicators?lang=fr', { 'Accept-Language': 'en' })).error.message).toBe(
      'The request is not valid. The language must be one of: es, en.',
    );
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
    expect(badLang).toMatchObject({ status: 400, body: { error: { code: 'invalid_request', message: 'The request is not valid. The language must be one of: es, en.' } } });
  });

  // Issue 12 item 6: each of these answered in English whatever the language.
  it('explains every error of the HTTP layer in the request language: 404, 405, malformed JSON, 401, 403, 413, 415, invalid body', async () => {
    const app = buildWriteApp(h.handle);
    const unknownRoute = await fetchError(h, '/api/v1/nada?lang=es');
    expect(unknownRoute).toMatchObject({ status: 404, error: { code: 'not_found', message: 'No hay nada en GET /api/v1/nada. La API está descrita en /api/docs.' } });
    expect((await fetchError(h, '/api/v1/nada', { 'Accept-Language': 'en' })).error.message).toBe('There is nothing at GET /api/v1/nada. The API is described at /api/docs.');

    const deleted = await app.request('/api/v1/indicators/political-prisoners?lang=es', { method: 'DELETE' });
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get('Allow')).toBe('GET, HEAD, PUT');
    expect(await deleted.json()).toMatchObject({
      error: { code: 'method_not_allowed', message: '/api/v1/indicators/political-prisoners no admite DELETE; admite: GET, HEAD, PUT.' },
    });
    const getOnWrite = await app.request('/api/v1/figures', { headers: { 'Accept-Language': 'en' } });
    expect(getOnWrite.status).toBe(405);
    expect(getOnWrite.headers.get('Allow')).toBe('POST');

    const malformed = await call(app, '/api/v1/figures?lang=es', { body: '{"indicator": ' });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'malformed_json', message: 'El cuerpo de la petición no es JSON válido: revisa comillas, comas y llaves.' } } });
    const noToken = await call(app, '/api/v1/figures?lang=es', { body: FIGURE, token: null });
    expect(noToken).toMatchObject({ status: 401, body: { error: { code: 'unauthorized', message: 'Envía el token de administración en la cabecera Authorization: Bearer <ADMIN_API_TOKEN>.' } } });
    expect(noToken.headers.get('WWW-Authenticate')).toBe('Bearer realm="cifras write API"');
    const off = await call(buildWriteApp(h.handle, null), '/api/v1/figures', { body: FIGURE, headers: { 'Accept-Language': 'es-VE' } });
    expect(off).toMatchObject({ status: 403, body: { error: { code: 'write_api_disabled', message: 'La API de escritura está desactivada en este servidor: se activa definiendo ADMIN_API_TOKEN.' } } });
    const tooLarge = await call(app, '/api/v1/figures?lang=es', { body: { ...FIGURE, note: 'x'.repeat(70 * 1024) } });
    expect(tooLarge).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large', message: 'El cuerpo de la petición supera el máximo de 65536 bytes.' } } });
    const form = await call(app, '/api/v1/figures?lang=es', { body: 'value=863', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type', message: 'Envía el cuerpo en JSON, con la cabecera Content-Type: application/json.' } } });

    const empty = await call(app, '/api/v1/figures?lang=es', { body: {} });
    expect(empty.status).toBe(400);
    const message = (empty.body as { error: { message: string } }).error.message;
    expect(message).toMatch(/^La petición no es válida\. Falta el dato «indicador»\. Falta el dato «fuente»\. Falta el dato «valor»\. Escribe la cifra como texto/);
    expect(message).toContain('Falta el dato «fecha». Escribe la fecha como AAAA-MM-DD');
    expect(message).toContain('Falta el dato «enlace».');
    expect(message).not.toMatch(/\b(Invalid|expected|required|asOf|url|indicator)\b/);
    const english = await call(app, '/api/v1/figures?lang=en', { body: {} });
    expect((english.body as { error: { message: string } }).error.message).toMatch(/^The request is not valid\. The indicator is missing\. The source is missing\. The value is missing\./);
  });

  it('names body fields as a person would, in both languages, for every kind of problem', async () => {
    const app = buildWriteApp(h.handle);
    const messageOf = async (lang: string, body: unknown) => {
      const answer = await call(app, `/api/v1/figures?lang=${lang}`, { body });
      expect(answer.status).toBe(400);
      return (answer.body as { error: { message: string } }).error.message;
    };
    const wrong = { ...FIGURE, asOf: 20251229, note: 'n'.repeat(1001), recordedBy: 'alguien', period: { from: '2025-01', to: 7 } };
    expect(await messageOf('es', wrong)).toBe(
      'La petición no es válida. «fecha» debe ser un texto. Escribe la fecha como AAAA-MM-DD, AAAA-MM o AAAA (por ejemplo, 2025-12-20). ' +
        '«fin del periodo» debe ser un texto. Escribe la fecha como AAAA-MM-DD, AAAA-MM o AAAA (por ejemplo, 2025-12-20). ' +
        '«nota» admite como máximo 1.000 caracteres. ' +
        'Sobra el dato «recordedBy»: no forma parte de esta petición.',
    );
    // A field the domain refuses is named the same way.
    const blankName = await call(app, '/api/v1/indicators/releases-2026?lang=es', { method: 'PUT', body: { kind: 'flow', name: { es: '  ', en: 'Releases' } } });
    expect(blankName).toMatchObject({ status: 422, body: { error: { code: 'invalid_field', message: 'El campo «nombre en español» no es válido.', params: { field: 'name.es' } } } });
    expect(await messageOf('en', { ...FIGURE, value: true, url: 'u'.repeat(2001) })).toBe(
      'The request is not valid. The value is not valid. Write the figure as a text ("902", "~2400", ">=60", "60+", "<=75", "60-75"), a whole number, ' +
        'or {"exact": n}, {"approx": n}, {"atLeast": n}, {"atMost": n} or {"low": a, "high": b}. The link takes at most 2,000 characters.',
    );
  });
});
