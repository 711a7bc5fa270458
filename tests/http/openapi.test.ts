// The OpenAPI document against the app it describes, on SQLite and PostgreSQL: every route the app
// serves under /api (and /healthz, /readyz, /metrics) is in it with its method, nothing in it is
// unserved, and real answers — successes and errors, every status a route gave — validate
// against its schemas with a JSON Schema 2020-12 validator (the dialect OpenAPI 3.1 uses).
//
// Left out of the document on purpose: the Telegram webhook and Discord interactions (their
// callers are Telegram and Discord, whose own documentation is the contract) and the public HTML
// pages (for browsers, not programs). /metrics is in it, as text for the operator.
import { ICON } from '../../src/web/assets.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { App } from '../../src/http/app.js';
import { buildWriteApp, call, FIGURE, TOKEN } from '../admin/api-support.js';
import { prepare } from '../admin/chat-support.js';
import { dialects } from '../support/databases.js';

interface Operation {
  readonly responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const DOCUMENTED = /^\/(api\/|healthz$|readyz$|metrics$)/;

/** `/api/v1/figures/:id` as OpenAPI writes it: `/api/v1/figures/{id}`. */
const templateOf = (path: string) => path.replaceAll(/:([^/]+)/g, '{$1}');

/** The document's path template that a concrete path fills in (`/api/v1/figures/1`). */
function templateFor(document: OpenApiDocument, path: string): string | undefined {
  return Object.keys(document.paths).find((template) => {
    const pattern = new RegExp(`^${template.replaceAll(/\{[^}]+\}/g, '[^/]+')}$`);
    return pattern.test(path);
  });
}

const pointer = (...parts: string[]) => parts.map((p) => encodeURIComponent(p.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`OpenAPI document (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let app: App;
    let document: OpenApiDocument;
    let ajv: Ajv2020;

    beforeAll(async () => {
      handle = await dialect.open();
      await prepare(handle.db);
      app = buildWriteApp(handle);
      const response = await app.request('/api/v1/openapi.json');
      expect(response.status).toBe(200);
      document = (await response.json()) as OpenApiDocument;
      ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
      addFormats.default(ajv);
      ajv.addSchema(document, 'openapi.json');
    });
    afterAll(async () => {
      await handle.close();
    });

    /** Sends a request and checks its answer against the document: status listed, body valid. */
    async function conforms(method: string, path: string, init: { body?: unknown; token?: string | null; headers?: Record<string, string>; app?: App } = {}) {
      const target = init.app ?? app;
      const url = new URL(path, 'http://x');
      const template = templateFor(document, url.pathname);
      expect(template, `${method} ${url.pathname} is in the document`).toBeDefined();
      const operation = document.paths[template!]?.[method.toLowerCase()];
      expect(operation, `${method} ${template} is in the document`).toBeDefined();
      const headers: Record<string, string> = { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers };
      const token = init.token === undefined ? TOKEN : init.token;
      if (token !== null && method !== 'GET') headers['Authorization'] = `Bearer ${token}`;
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      const response = await target.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
      const status = String(response.status);
      const documented = operation!.responses[status];
      expect(documented, `${method} ${path} answered ${status}, which the document lists for it`).toBeDefined();
      const mediaType = (response.headers.get('Content-Type') ?? '').split(';')[0]!.trim();
      const content = documented!.content ?? {};
      expect(Object.keys(content), `${method} ${path} ${status} is documented as ${mediaType}`).toContain(mediaType);
      const text = await response.text();
      if (mediaType === 'application/json') {
        const ref = `openapi.json#/${pointer('paths', template!, method.toLowerCase(), 'responses', status, 'content', mediaType, 'schema')}`;
        const validate = ajv.getSchema(ref);
        expect(validate, ref).toBeDefined();
        const json: unknown = JSON.parse(text);
        expect(validate!(json), `${method} ${path} ${status}: ${ajv.errorsText(validate!.errors)}\n${text.slice(0, 500)}`).toBe(true);
        return { status: response.status, json: json as Record<string, unknown> };
      }
      return { status: response.status, json: {} as Record<string, unknown>, text };
    }

    it('is OpenAPI 3.1 and its component schemas compile as JSON Schema 2020-12', () => {
      expect(document.openapi).toBe('3.1.0');
      for (const name of Object.keys(document.components.schemas)) {
        expect(ajv.getSchema(`openapi.json#/${pointer('components', 'schemas', name)}`), name).toBeDefined();
      }
      expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Figure', 'Indicator', 'IndicatorSummary', 'Source', 'Error', 'FiguresPage']));
    });

    it('lists every route the app serves under /api, /healthz, /readyz and /metrics, and only routes it serves', () => {
      const served = new Set(
        app.routes.filter((r) => r.method !== 'ALL' && DOCUMENTED.test(r.path)).map((r) => `${r.method.toLowerCase()} ${templateOf(r.path)}`),
      );
      const inDocument = new Set(Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m} ${path}`)));
      expect(served.size).toBeGreaterThanOrEqual(16);
      expect([...served].filter((route) => !inDocument.has(route))).toEqual([]);
      expect([...inDocument].filter((route) => !served.has(route))).toEqual([]);
      expect(inDocument).toContain('get /api/v1/figures/{id}');
      expect(inDocument).toContain('post /api/v1/figures/{id}/corrections');
    });

    it('describes the read routes’ real answers, successes and errors', async () => {
      await conforms('GET', '/healthz');
      await conforms('GET', '/readyz');
      await conforms('GET', '/metrics');
      await conforms('GET', '/api/v1/indicators');
      await conforms('GET', '/api/v1/indicators?lang=fr');
      await conforms('GET', '/api/v1/indicators/political-prisoners?lang=en');
      expect((await conforms('GET', '/api/v1/indicators/presos')).status).toBe(404);
      await conforms('GET', '/api/v1/sources');
      expect((await call(app, '/api/v1/figures', { body: { ...FIGURE, asOf: '2025-11-30', url: 'https://example.org/nov' } })).status).toBe(201);
      const first = await conforms('GET', '/api/v1/indicators/political-prisoners/figures?limit=1');
      expect(first.json['next']).toEqual(expect.any(String));
      const last = await conforms('GET', `/api/v1/indicators/political-prisoners/figures?limit=1000&cursor=${String(first.json['next'])}`);
      expect(last.json['next']).toBeNull();
      expect((await conforms('GET', '/api/v1/indicators/political-prisoners/figures?cursor=nope')).status).toBe(422);
      expect((await conforms('GET', '/api/v1/indicators/political-prisoners/figures?limit=1001')).status).toBe(400);
      expect((await conforms('GET', '/api/v1/indicators/political-prisoners/figures?source=nadie')).status).toBe(404);
      expect((await conforms('GET', '/api/v1/indicators/political-prisoners/figures?since=2030')).status).toBe(422);
      await conforms('GET', '/api/v1/indicators/political-prisoners/figures?format=csv');
      expect((await conforms('GET', '/api/v1/figures/1')).json).toMatchObject({ id: 1, revisions: [{ revision: 1 }] });
      expect((await conforms('GET', '/api/v1/figures/999999')).status).toBe(404);
      expect((await conforms('GET', '/api/v1/figures/2147483648')).status).toBe(400);
      await conforms('GET', '/api/v1/openapi.json');
      await conforms('GET', '/api/docs');
      await conforms('GET', '/api/docs/swagger-ui.css');
      expect((await conforms('GET', '/api/docs/nothing.js')).status).toBe(404);
    });

    it('describes the write routes’ real answers, successes and errors', async () => {
      const created = await conforms('POST', '/api/v1/figures', { body: FIGURE });
      expect(created.status).toBe(201);
      const id = Number(created.json['id']);
      expect((await conforms('POST', '/api/v1/figures', { body: { ...FIGURE, indicator: 'nada' } })).status).toBe(422);
      expect((await conforms('POST', '/api/v1/figures', { body: {} })).status).toBe(400);
      expect((await conforms('POST', '/api/v1/figures', { body: '{"value": ' })).status).toBe(400);
      expect((await conforms('POST', '/api/v1/figures', { body: FIGURE, token: 'wrong' })).status).toBe(401);
      expect((await conforms('POST', '/api/v1/figures', { body: 'value=1', headers: { 'Content-Type': 'text/plain' } })).status).toBe(415);
      expect((await conforms('POST', '/api/v1/figures', { body: { ...FIGURE, note: 'x'.repeat(70_000) } })).status).toBe(413);
      expect((await conforms('POST', '/api/v1/figures', { body: FIGURE, app: buildWriteApp(handle, null) })).status).toBe(403);
      expect((await conforms('POST', `/api/v1/figures/${id}/corrections`, { body: { value: '870', reason: 'boletín corregido' } })).status).toBe(201);
      expect((await conforms('POST', `/api/v1/figures/${id}/corrections`, { body: { value: '870', reason: 'otra vez' } })).status).toBe(409);
      expect((await conforms('POST', '/api/v1/figures/999999/corrections', { body: { value: '1', reason: 'x' } })).status).toBe(404);
      expect((await conforms('POST', `/api/v1/figures/${id}/retraction`, { body: { reason: 'boletín equivocado' } })).status).toBe(201);
      expect((await conforms('POST', `/api/v1/figures/${id}/retraction`, { body: { reason: 'otra vez' } })).status).toBe(409);
      expect((await conforms('GET', `/api/v1/figures/${id}`)).json).toMatchObject({ retracted: true, revisions: [{ kind: 'report' }, { kind: 'correction' }, { kind: 'retraction' }] });
      const indicator = { kind: 'flow', name: { es: 'Excarcelaciones 2026', en: 'Releases 2026' } };
      expect((await conforms('PUT', '/api/v1/indicators/releases-2026', { body: indicator })).status).toBe(201);
      expect((await conforms('PUT', '/api/v1/indicators/releases-2026', { body: indicator })).status).toBe(200);
      expect((await conforms('PUT', '/api/v1/indicators/political-prisoners', { body: indicator })).status).toBe(409);
      expect((await conforms('PUT', '/api/v1/sources/provea', { body: { kind: 'ngo', name: 'Provea', url: 'https://provea.org' } })).status).toBe(201);
      expect((await conforms('PUT', '/api/v1/sources/provea', { body: { kind: 'ngo', name: 'Provea', url: 'provea.org' } })).status).toBe(422);
    });

    it('answers an unknown route and a wrong method with the documented error shape', async () => {
      const validate = ajv.getSchema(`openapi.json#/${pointer('components', 'schemas', 'Error')}`)!;
      // The validator does refuse what does not fit (a message missing, params not an object).
      expect(validate({ error: { code: 'not_found', params: {} } })).toBe(false);
      expect(validate({ error: { code: 'not_found', message: 'x', params: 'y' } })).toBe(false);
      const unknown = await app.request('/api/v1/nothing');
      expect(unknown.status).toBe(404);
      expect(validate(await unknown.json())).toBe(true);
      const wrongMethod = await app.request('/api/v1/sources', { method: 'DELETE' });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('Allow')).toBe('GET, HEAD');
      expect(validate(await wrongMethod.json())).toBe(true);
    });

    it('serves the reference page with every asset from cifras itself, none from another host', async () => {
      const page = await (await app.request('/api/docs')).text();
      const references = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      // The site's icon too: without it a browser asks for /favicon.ico, a 404.
      expect(references).toEqual(['/api/docs/swagger-ui.css', ICON.path, '/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']);
      for (const reference of references) {
        const asset = await app.request(reference);
        expect(asset.status, reference).toBe(200);
        expect((await asset.text()).length, reference).toBeGreaterThan(10);
      }
      const css = await (await app.request('/api/docs/swagger-ui.css')).text();
      expect(css.match(/url\((?!["']?data:)[^)]*\)/g) ?? []).toEqual([]);
      const init = await (await app.request('/api/docs/init.js')).text();
      expect(init).toContain("url: '/api/v1/openapi.json'");
      // Swagger UI's validator badge would send the document to validator.swagger.io.
      expect(init).toContain('validatorUrl: null');
    });
  });
}
