// Property test (issue 16, "Keep it tested"): generated write-API requests — figure reports,
// corrections and retractions on ids in and out of range, indicator and source PUTs — with bodies
// right and wrong (values of every form and size, dates, links, notes with NUL or bidi controls,
// fields of other shapes, bodies that are not JSON), posted with the admin token to the real
// routes on SQLite and PostgreSQL. Never a 5xx; every refusal a JSON error with a message, in the
// asked language for the domain's refusals; and nothing stored that no write should keep.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { DomainErrorCode } from '../../src/domain/errors.js';
import type { App } from '../../src/http/app.js';
import { messagesFor } from '../../src/i18n/index.js';
import { buildWriteApp, TOKEN } from '../admin/api-support.js';
import { NOW, prepare } from '../admin/chat-support.js';
import { dialects } from '../support/databases.js';
import { anyJson, dateText, setPath, text, urlText, valueJson } from './arbitraries.js';
import { expectNoGarbage } from './stored-data.js';

const RUNS = 300;
const SEED = 16_003;

const note = fc.oneof(text, fc.record({ es: text, en: text }), fc.constant(null));
const figureBody = fc.record(
  {
    indicator: fc.constantFrom('political-prisoners', 'forced-disappearances', 'nope', '\u0000'),
    source: fc.constantFrom('foro-penal', 'nadie', 'foro\u0000penal'),
    value: valueJson,
    asOf: dateText,
    url: urlText,
    note,
  },
  { requiredKeys: ['indicator', 'source', 'value', 'asOf', 'url'] },
);
const figureId = fc.oneof(fc.nat(6).map(String), fc.constantFrom('2147483647', '2147483648', '99999999999', '%00', '-1', '1e3', '%232'));
const localized = fc.record({ es: text, en: text });
const indicatorBody = fc.record(
  { kind: fc.constantFrom('stock', 'flow', 'other'), name: localized, aliases: fc.record({ es: fc.array(text, { maxLength: 2 }), en: fc.array(text, { maxLength: 2 }) }), description: localized, unit: text, region: fc.option(text, { nil: null }) },
  { requiredKeys: ['kind', 'name'] },
);
const sourceBody = fc.record({ kind: fc.constantFrom('ngo', 'media', 'x'), name: text, url: fc.option(urlText, { nil: null }), description: localized }, { requiredKeys: ['kind', 'name'] });
const slug = fc.constantFrom('fuzz-indicator', 'political-prisoners', 'foro-penal', 'Bad Slug', '%00', 'fuzz-source');

/** A body, sometimes with one field replaced by JSON of another shape. */
function mangled<T>(arbitrary: fc.Arbitrary<T>, fields: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary },
    { weight: 1, arbitrary: fc.tuple(arbitrary, fc.constantFrom(...fields), anyJson).map(([b, f, v]) => setPath(b, [f], v)) },
  );
}

type Request = { readonly method: 'POST' | 'PUT'; readonly path: string; readonly body: unknown };
const request: fc.Arbitrary<Request> = fc.oneof(
  { weight: 3, arbitrary: mangled(figureBody, ['value', 'note', 'asOf', 'url', 'period', 'indicator']).map((body): Request => ({ method: 'POST', path: '/api/v1/figures', body })) },
  { weight: 2, arbitrary: fc.tuple(figureId, mangled(fc.record({ value: valueJson, reason: text }), ['value', 'reason'])).map(([id, body]): Request => ({ method: 'POST', path: `/api/v1/figures/${id}/corrections`, body })) },
  { weight: 1, arbitrary: fc.tuple(figureId, mangled(fc.record({ reason: text }), ['reason'])).map(([id, body]): Request => ({ method: 'POST', path: `/api/v1/figures/${id}/retraction`, body })) },
  { weight: 2, arbitrary: fc.tuple(slug, mangled(indicatorBody, ['name', 'aliases', 'staleAfterDays'])).map(([s, body]): Request => ({ method: 'PUT', path: `/api/v1/indicators/${s}`, body })) },
  { weight: 1, arbitrary: fc.tuple(slug, mangled(sourceBody, ['name', 'url', 'description'])).map(([s, body]): Request => ({ method: 'PUT', path: `/api/v1/sources/${s}`, body })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((body): Request => ({ method: 'POST', path: '/api/v1/figures', body })) },
);

/** Codes the domain's catalogs translate (the others, such as invalid_request, are the HTTP layer's). */
const DOMAIN_CODES = new Set(Object.keys(messagesFor('es').errors));

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`fuzzed write-API requests (${dialect.name})`, () => {
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

    it('never answers 5xx, explains every refusal, and stores no garbage', { timeout: 120_000 }, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(request, fc.constantFrom('es', 'en') as fc.Arbitrary<'es' | 'en'>, async ({ method, path, body }, lang) => {
          const response = await app.request(`${path}?lang=${lang}`, {
            method,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
            body: typeof body === 'string' ? body : JSON.stringify(body),
          });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const context = `${method} ${path} ${JSON.stringify(body)}`;
          expect(response.status, context).toBeLessThan(500);
          const answer = (await response.json()) as { error?: { code: string; message: string; params: Record<string, unknown> } };
          if (response.status < 300) return;
          expect(typeof answer.error?.code, context).toBe('string');
          expect(answer.error?.message.length, context).toBeGreaterThan(0);
          const code = answer.error!.code;
          if (DOMAIN_CODES.has(code)) {
            expect(answer.error?.message, context).toBe(messagesFor(lang).errors[code as DomainErrorCode](answer.error!.params));
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // Writes were really made as well as refused.
      expect((statuses.get(201) ?? 0) + (statuses.get(200) ?? 0)).toBeGreaterThan(0);
      expect(statuses.get(422) ?? 0).toBeGreaterThan(0);
      await expectNoGarbage(handle.db, NOW.toISOString().slice(0, 10));
    });
  });
}
