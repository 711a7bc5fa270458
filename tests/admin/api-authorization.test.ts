// The write API's authorization matrix on both databases: every write route × {write API off,
// no Authorization header, a wrong token, the right token}. Refused requests change no row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { dialects } from '../support/databases.js';
import { buildWriteApp, call, FIGURE, TOKEN } from './api-support.js';
import { counts, prepare, seededFigureId } from './chat-support.js';

interface Route {
  readonly name: string;
  readonly method: 'POST' | 'PUT';
  path(figureId: number): string;
  readonly body: unknown;
  readonly status: number;
  readonly delta: Record<string, number>;
}

const ROUTES: readonly Route[] = [
  {
    name: 'PUT indicator',
    method: 'PUT',
    path: () => '/api/v1/indicators/releases-2026',
    body: { kind: 'flow', name: { es: 'Excarcelaciones 2026', en: 'Releases 2026' } },
    status: 201,
    delta: { audit_log: 1 },
  },
  {
    name: 'PUT source',
    method: 'PUT',
    path: () => '/api/v1/sources/justicia-encarcelada',
    body: { kind: 'ngo', name: 'Justicia, Encuentro y Perdón', url: 'https://example.org/jep' },
    status: 201,
    delta: { audit_log: 1 },
  },
  {
    name: 'POST figure',
    method: 'POST',
    path: () => '/api/v1/figures',
    body: FIGURE,
    status: 201,
    delta: { figures: 1, figure_revisions: 1, audit_log: 1, events: 1 },
  },
  {
    name: 'POST correction',
    method: 'POST',
    path: (id) => `/api/v1/figures/${id}/corrections`,
    body: { value: { exact: 905 }, reason: 'the count was updated' },
    status: 201,
    delta: { figure_revisions: 1, audit_log: 1, events: 1 },
  },
  {
    name: 'POST retraction',
    method: 'POST',
    path: (id) => `/api/v1/figures/${id}/retraction`,
    body: { reason: 'published by mistake' },
    status: 201,
    delta: { figure_revisions: 1, audit_log: 1, events: 1 },
  },
];

type Credential = 'api off' | 'no header' | 'wrong token' | 'right token';
const CREDENTIALS: readonly Credential[] = ['api off', 'no header', 'wrong token', 'right token'];

function request(credential: Credential): { token: string | null; configured: string | null } {
  switch (credential) {
    case 'api off': return { token: TOKEN, configured: null };
    case 'no header': return { token: null, configured: TOKEN };
    case 'wrong token': return { token: `${TOKEN.slice(0, -1)}0`, configured: TOKEN };
    case 'right token': return { token: TOKEN, configured: TOKEN };
  }
}

const REFUSED: Record<Exclude<Credential, 'right token'>, { status: number; code: string }> = {
  'api off': { status: 403, code: 'write_api_disabled' },
  'no header': { status: 401, code: 'unauthorized' },
  'wrong token': { status: 401, code: 'unauthorized' },
};

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`write API authorization (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    // Cases run in order on one database: refused ones must leave it as it was, and the allowed
    // ones each apply once (the correction before the retraction).
    beforeAll(async () => {
      handle = await dialect.open();
      await prepare(handle.db);
    });
    afterAll(async () => {
      await handle.close();
    });

    for (const route of ROUTES) {
      for (const credential of CREDENTIALS) {
        it(`${route.name} with ${credential}`, async () => {
          const { token, configured } = request(credential);
          const app = buildWriteApp(handle, configured);
          const before = await counts(handle.db);
          const response = await call(app, route.path(await seededFigureId(handle.db)), { method: route.method, body: route.body, token });
          const after = await counts(handle.db);
          if (credential === 'right token') {
            expect(response.status, JSON.stringify(response.body)).toBe(route.status);
            const expected = Object.fromEntries(Object.entries(before).map(([t, n]) => [t, n + (route.delta[t] ?? 0)]));
            expect(after).toEqual(expected);
          } else {
            expect(response.status).toBe(REFUSED[credential].status);
            expect(response.body).toMatchObject({ error: { code: REFUSED[credential].code } });
            if (credential !== 'api off') expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
            expect(after).toEqual(before);
          }
        });
      }
    }

    it('does not answer GET routes of the read API with the write gate', async () => {
      const app = buildWriteApp(handle, null);
      const response = await app.request('/api/v1/indicators/political-prisoners');
      expect(response.status).toBe(200);
    });
  });
}
