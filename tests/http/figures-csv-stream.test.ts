// The history CSV is streamed page by page from the database (figures-csv.ts), and streaming
// changed nothing a reader gets: on a realistic history (the realistic fixture's 5,014 figures, all
// in one indicator: long Spanish notes and reasons, corrections, retractions, ranges, bounds,
// periods, back-filled entries; plus figures whose texts try formulas, `;`, quotes and line
// breaks) the body is byte for byte what the whole-string export of commit b00073d wrote, on both
// databases. A client that goes away mid-download stops the reading and harms nothing; a database
// that fails mid-download breaks it off rather than end it early.
import { createHash } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { parse } from 'csv-parse/sync';
import type { KyselyPlugin } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { correctFigure, reportFigure, retractFigure } from '../../src/domain/figures.js';
import { CSV_PAGE } from '../../src/http/routes/indicator-figures.js';
import { dialects } from '../support/databases.js';
import { loadRealisticFixture, realisticFixture } from '../support/realistic-fixture.js';
import { buildApp, type Harness } from './harness.js';

const PATH = '/api/v1/indicators/political-prisoners/figures?format=csv';

/** The realistic fixture with every figure moved to political prisoners: one long history. */
function oneLongHistory() {
  const fixture = realisticFixture();
  return { ...fixture, figures: fixture.figures.map((f) => ({ ...f, indicator_id: 1 })) };
}

/** Figures whose free text a spreadsheet could misread, written through the domain (fixed clock). */
async function addHostileTexts(handle: DatabaseHandle): Promise<void> {
  const ctx = (iso: string) => ({ actor: 'telegram:42', now: new Date(iso) });
  const a = await reportFigure(
    handle.db,
    { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'range', low: 860, high: 875 }, asOf: '2026-02-20', url: 'https://foropenal.com/r;=1+1', note: 'x;=1+1;y' },
    ctx('2026-02-21T10:00:00Z'),
  );
  await correctFigure(handle.db, a.id, { kind: 'at_least', value: 870 }, '@SUM(A1) según el boletín', ctx('2026-02-22T10:00:00Z'));
  await retractFigure(handle.db, a.id, 'dup;"=HYPERLINK(""http://evil"")";@SUM(A1)', ctx('2026-02-23T10:00:00Z'));
  await reportFigure(
    handle.db,
    { indicator: 'political-prisoners', source: 'clpp', value: { kind: 'approx', value: 1085 }, asOf: '2026-02', url: 'https://clpp.example.org/b', note: 'Línea uno,\nLínea "dos"; -3 según el Comité' },
    ctx('2026-02-24T10:00:00Z'),
  );
}

async function loadHistory(handle: DatabaseHandle, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await loadRealisticFixture(handle, oneLongHistory());
  await addHostileTexts(handle);
}

/**
 * What the whole-string export wrote for these requests over loadHistory's data (commit b00073d,
 * src/http/figures-csv.ts `figuresCsv`, run on SQLite and PostgreSQL: the same bytes on both).
 */
const BEFORE_STREAMING = [
  { path: PATH, bytes: 1_507_781, sha256: 'b0c8b7c655cb015b59613636774769f72fecd7f21fa3c7d16e2cc742e94ea12e' },
  { path: `${PATH}&lang=en`, bytes: 1_495_290, sha256: '64492c4598216ee3fbf2e431b5402a2876d6a6ea2f039c262ad6991fe0db28c3' },
  { path: `${PATH}&source=foro-penal&since=2022-06`, bytes: 53_630, sha256: 'a01f27ec69acd475a32c31c2b70329d3b9f35cd0d36f51191e325df61e2a0d35' },
] as const;

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`history CSV, streamed (${dialect.name})`, () => {
    let harness: Harness | undefined;
    let server: ServerType | undefined;
    afterEach(async () => {
      await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
      server = undefined;
      await harness?.handle.close();
      harness = undefined;
    });

    it('writes, page by page, the same bytes as the whole-string export did', async () => {
      const handle = await dialect.open();
      harness = await buildApp(handle, { seed: false });
      await loadHistory(handle);
      const figures = Number((await handle.db.selectFrom('figures').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const revisions = Number((await handle.db.selectFrom('figure_revisions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      for (const expected of BEFORE_STREAMING) {
        const response = await harness.app.request(expected.path);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
        expect(response.headers.get('content-disposition')).toBe(
          `attachment; filename="political-prisoners${expected.path.includes('source=') ? '-foro-penal' : ''}-figures.csv"`,
        );
        const chunks: Uint8Array[] = [];
        for await (const chunk of response.body!) chunks.push(chunk);
        const body = Buffer.concat(chunks);
        if (expected.path === PATH) {
          // Every revision of every figure, one row each, and the file came in pages, not whole.
          const records = parse(body, { columns: true }) as Record<string, string>[];
          expect(records).toHaveLength(revisions);
          expect(new Set(records.map((r) => r['id'])).size).toBe(figures);
          expect(chunks.length).toBe(Math.ceil(figures / CSV_PAGE));
        }
        expect({ bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') }, expected.path).toEqual({
          bytes: expected.bytes,
          sha256: expected.sha256,
        });
      }
    });

    it('breaks the download off when the database fails after it began: never a short file that looks whole', async () => {
      const handle = await dialect.open();
      let failing = false;
      const failWhenTold: KyselyPlugin = {
        transformQuery: (args) => {
          if (failing) throw new Error('the database went away');
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const h = await buildApp({ ...handle, db: handle.db.withPlugin(failWhenTold) }, { seed: false });
      harness = h;
      await loadHistory(handle);
      const response = await h.app.request(PATH);
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value).startsWith('id,indicator,source,value,')).toBe(true);
      failing = true;
      const rest = (async () => {
        for (;;) if ((await reader.read()).done) return 'the file ended as if whole';
      })();
      await expect(rest).rejects.toThrow('the database went away');
      const errors = h.logs().filter((line) => Number(line['level']) >= 50);
      expect(errors.map((line) => line['msg'])).toEqual(['CSV export failed after it began: connection broken off']);
    });

    it('stops reading when the client goes away mid-download, and serves on unharmed', async () => {
      const handle = await dialect.open();
      let queries = 0;
      const counting: KyselyPlugin = {
        transformQuery: (args) => {
          queries += 1;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const h = await buildApp({ ...handle, db: handle.db.withPlugin(counting) }, { seed: false });
      harness = h;
      // About 30,000 figures: a file of some 12 MB, more than twice what the socket buffers and
      // the server's pending writes can take while the client does not read.
      await loadHistory(handle, 6);
      const pages = Math.ceil((await handle.db.selectFrom('figures').select('id').execute()).length / CSV_PAGE);
      const port = await new Promise<number>((resolve) => {
        server = serve({ fetch: h.app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(info.port));
      });
      const url = `http://127.0.0.1:${port}${PATH}`;

      const before = queries;
      await new Promise<void>((resolve, reject) => {
        const request = get(url, (response: IncomingMessage) => {
          expect(response.statusCode).toBe(200);
          // Hanging up mid-body makes the response report an error: expected here.
          response.on('error', () => undefined);
          // Take one chunk, stop reading until the server has to wait, then hang up.
          response.once('data', () => {
            response.pause();
            setTimeout(() => {
              request.destroy();
              resolve();
            }, 300);
          });
        });
        request.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const afterAbort = queries - before;
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The export stopped where the client left: no page read since, and far from all of them.
      expect(queries - before).toBe(afterAbort);
      expect(afterAbort).toBeLessThan(pages);

      // The server answers the next download whole, and logged no error for the one abandoned.
      const again = await fetch(url);
      expect(again.status).toBe(200);
      const text = await again.text();
      expect(text.split('\r\n').length).toBeGreaterThan(30_000);
      expect(h.logs().filter((line) => Number(line['level']) >= 50)).toEqual([]);
    });
  });
}
