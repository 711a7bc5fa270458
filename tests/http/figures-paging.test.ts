// GET /api/v1/indicators/:slug/figures in pages and GET /api/v1/figures/:id, through the real app
// on SQLite and PostgreSQL, over years of monthly figures from three sources (some back-dated,
// corrected or retracted) beside the demo data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctFigure, reportFigure, retractFigure } from '../../src/domain/figures.js';
import { dialects } from '../support/databases.js';
import { buildApp, getJson, type Harness } from './harness.js';

interface FigureBody {
  readonly id: number;
  readonly source: { slug: string };
  readonly asOf: { text: string; display: string };
  readonly recordedAt: string;
  readonly retracted: boolean;
  readonly revisions: readonly { kind: string }[];
}
interface Page {
  readonly indicator: { slug: string };
  readonly figures: readonly FigureBody[];
  readonly next: string | null;
}
interface ErrorBody {
  readonly error: { code: string; message: string; params: Record<string, unknown> };
}

const SOURCES = ['foro-penal', 'ministerio-servicio-penitenciario', 'ngo-coalition-dec-2025'] as const;
const MONTHS = 47; // 2022-01 … 2025-11
const HISTORY = '/api/v1/indicators/political-prisoners/figures';

/** 141 figures: each source's count for every month, recorded the month after (the 2022 ones back-filled in 2025). */
async function fillHistory(h: Harness): Promise<{ corrected: number; retracted: number }> {
  const ids: number[] = [];
  for (let m = 0; m < MONTHS; m++) {
    const year = 2022 + Math.floor(m / 12);
    const month = String((m % 12) + 1).padStart(2, '0');
    for (const [s, source] of SOURCES.entries()) {
      const recorded = year === 2022 ? new Date(Date.UTC(2025, 5, 1, 9, m, s)) : new Date(Date.UTC(year, m % 12, 28, 12, 0, s));
      const asOf = s === 1 ? `${year}-${month}` : `${year}-${month}-15`;
      const figure = await reportFigure(
        h.handle.db,
        { indicator: 'political-prisoners', source, value: { kind: 'exact', value: 700 + m * 5 + s }, asOf, url: `https://example.org/${source}/${year}-${month}` },
        { actor: 'api', now: recorded },
      );
      ids.push(figure.id);
    }
  }
  const later = { actor: 'api', now: new Date('2026-01-10T10:00:00Z') };
  const corrected = ids[100]!;
  const retracted = ids[101]!;
  await correctFigure(h.handle.db, corrected, { kind: 'exact', value: 999 }, 'boletín corregido', later);
  await retractFigure(h.handle.db, retracted, 'cifra duplicada', later);
  return { corrected, retracted };
}

async function page(h: Harness, query: string): Promise<Page> {
  const { status, body } = await getJson(h.app, `${HISTORY}?${query}`);
  expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
  return body as Page;
}

async function refused(h: Harness, path: string, status: number): Promise<ErrorBody['error']> {
  const { status: actual, body } = await getJson(h.app, path);
  expect(actual, JSON.stringify(body)).toBe(status);
  return (body as ErrorBody).error;
}

/** The history's order: as-of start, then recorded, then id, all newest first. */
function sortKey(f: FigureBody, start: string): string {
  return `${start} ${f.recordedAt} ${String(f.id).padStart(10, '0')}`;
}

for (const dialect of dialects) describe.skipIf(!dialect.available)(`paged history and one figure (${dialect.name})`, () => {
  // One database for the file: every test only reads.
  let h: Harness;
  let marked: { corrected: number; retracted: number };
  beforeAll(async () => {
    h = await buildApp(await dialect.open());
    marked = await fillHistory(h);
  });
  afterAll(async () => {
    await h.handle.close();
  });

  it('gives 100 figures by default, newest as-of first, then the rest through next, each figure once', async () => {
    const first = await page(h, '');
    expect(first.figures).toHaveLength(100);
    expect(first.indicator.slug).toBe('political-prisoners');
    // The demo's 902 of 2025-12-20 is the newest; then November 2025.
    expect(first.figures[0]).toMatchObject({ asOf: { text: '2025-12-20' }, source: { slug: 'foro-penal' } });
    expect(first.figures[1]!.asOf.text).toMatch(/^2025-11/);
    expect(first.next).toEqual(expect.any(String));
    const second = await page(h, `cursor=${encodeURIComponent(first.next!)}`);
    expect(second.figures).toHaveLength(42);
    expect(second.next).toBeNull();
    const ids = [...first.figures, ...second.figures].map((f) => f.id);
    expect(new Set(ids).size).toBe(142);
    // The oldest page ends with January 2022, back-filled in 2025.
    expect(second.figures.at(-1)!.asOf.text).toMatch(/^2022-01/);
  });

  it('walks the whole history in small pages in the same order as the CSV export, retracted and corrected figures marked', async () => {
    const seen: FigureBody[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const next: Page = await page(h, `limit=9${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(next.figures.length).toBeLessThanOrEqual(9);
      seen.push(...next.figures);
      cursor = next.next;
      pages++;
    } while (cursor !== null && pages < 50);
    expect(pages).toBe(16);
    expect(seen).toHaveLength(142);
    const csv = await (await h.app.request(`${HISTORY}?format=csv`)).text();
    const csvIds = [...new Set(csv.split('\r\n').slice(1).filter((l) => l !== '').map((l) => Number(l.split(',')[0])))];
    expect(seen.map((f) => f.id)).toEqual(csvIds);
    expect(seen.find((f) => f.id === marked.retracted)).toMatchObject({ retracted: true, revisions: [{ kind: 'report' }, { kind: 'retraction' }] });
    expect(seen.find((f) => f.id === marked.corrected)).toMatchObject({ retracted: false, revisions: [{ kind: 'report' }, { kind: 'correction' }] });
  });

  it('narrows to one source and to as-of dates since a day, a month or a year, across pages', async () => {
    const government = await page(h, 'source=ministerio-servicio-penitenciario&limit=1000');
    expect(government.figures).toHaveLength(47);
    expect(new Set(government.figures.map((f) => f.source.slug))).toEqual(new Set(['ministerio-servicio-penitenciario']));
    const since = await page(h, 'since=2025-06&limit=10');
    expect(since.figures.every((f) => f.asOf.text >= '2025-06')).toBe(true);
    const rest = await page(h, `since=2025-06&limit=1000&cursor=${since.next}`);
    // June to November 2025 for three sources, and the demo's December figure.
    expect(since.figures.length + rest.figures.length).toBe(6 * 3 + 1);
    expect((await page(h, 'since=2025&source=foro-penal&limit=1000')).figures).toHaveLength(12);
    expect((await page(h, 'since=2025-11-16&limit=1000')).figures.map((f) => f.asOf.text)).toEqual(['2025-12-20']);
  });

  it('refuses a limit outside 1..1000 or not a number with a 400 that names it, in the request language', async () => {
    for (const limit of ['0', '1001', 'abc', '-1', '1.5', '10e2', '']) {
      const error = await refused(h, `${HISTORY}?limit=${limit}&lang=es`, 400);
      expect(error).toMatchObject({ code: 'invalid_request', params: { issues: [{ field: 'limit' }] } });
      expect(error.message).toMatch(/^La petición no es válida\. «cantidad por página» /);
    }
    expect((await refused(h, `${HISTORY}?limit=5000&lang=en`, 400)).message).toBe('The request is not valid. The figures per page must be at most 1,000.');
    expect((await refused(h, `${HISTORY}?limite=5`, 400)).message).toBe('La petición no es válida. Sobra el dato «limite»: no forma parte de esta petición.');
  });

  it('refuses a cursor that does not decode or belongs to another indicator, and a since it cannot read, with 422', async () => {
    expect(await refused(h, `${HISTORY}?cursor=not-a-cursor`, 422)).toMatchObject({ code: 'invalid_cursor' });
    const other = await getJson(h.app, '/api/v1/indicators/post-election-releases/figures?limit=1');
    const foreign = (other.body as Page).next!;
    expect(foreign).toEqual(expect.any(String));
    const error = await refused(h, `${HISTORY}?cursor=${foreign}&lang=en`, 422);
    expect(error.code).toBe('invalid_cursor');
    expect(error.message).not.toMatch(/undefined|\{/);
    expect(await refused(h, `${HISTORY}?since=2025-13`, 422)).toMatchObject({ code: 'invalid_date', params: { input: '2025-13', field: 'since' } });
    expect(await refused(h, `${HISTORY}?since=2031-01-01`, 422)).toMatchObject({ code: 'future_date', params: { field: 'since' } });
  });

  it('exports the whole history as CSV, narrowed by since, and refuses paging parameters with it', async () => {
    const csv = await h.app.request(`${HISTORY}?format=csv&since=2025-06&source=foro-penal`);
    expect(csv.status).toBe(200);
    const rows = (await csv.text()).split('\r\n').slice(1).filter((l) => l !== '');
    expect(new Set(rows.map((l) => l.split(',')[0])).size).toBe(7);
    const error = await refused(h, `${HISTORY}?format=csv&limit=10&lang=es`, 400);
    expect(error.message).toBe('La petición no es válida. «cantidad por página» no se usa con format=csv: el CSV trae el historial completo, sin páginas.');
  });

  it('sorts within a page by as-of, then recorded time, then id, newest first', async () => {
    const all = (await page(h, 'limit=1000')).figures;
    const keys = all.map((f) => sortKey(f, f.asOf.text.length === 7 ? `${f.asOf.text}-01` : f.asOf.text));
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it('shows one figure with every revision, in the request language', async () => {
    const { status, body } = await getJson(h.app, `/api/v1/figures/${marked.corrected}?lang=en`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: marked.corrected,
      indicator: 'political-prisoners',
      value: { exact: 999 },
      revisions: [
        { revision: 1, kind: 'report', reason: null },
        { revision: 2, kind: 'correction', value: { exact: 999 }, reason: 'boletín corregido', recordedAt: '2026-01-10T10:00:00.000Z' },
      ],
    });
    const encoded = await getJson(h.app, `/api/v1/figures/%23${marked.retracted}`);
    expect(encoded.body).toMatchObject({ id: marked.retracted, retracted: true, revisions: [{ kind: 'report' }, { kind: 'retraction', reason: 'cifra duplicada' }] });
  });

  it('answers an unknown figure 404 and an id that is no figure number 400, never a 500', async () => {
    expect(await refused(h, '/api/v1/figures/2147483647?lang=es', 404)).toMatchObject({ code: 'figure_not_found', message: 'No existe la cifra #2147483647.' });
    expect((await refused(h, '/api/v1/figures/5000?lang=en', 404)).message).toBe('There is no figure #5000.');
    for (const id of ['abc', '0', '-1', '2147483648', '99999999999', '1e3', '17.0']) {
      const error = await refused(h, `/api/v1/figures/${id}?lang=es`, 400);
      expect(error).toMatchObject({ code: 'invalid_request', params: { issues: [{ field: 'id' }] } });
      expect(error.message).toMatch(/«número de cifra»/);
    }
  });
});
