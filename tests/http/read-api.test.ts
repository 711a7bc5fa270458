// The read API through the real app, on SQLite and PostgreSQL, with the bundled demo data.
import { beforeEach, expect, it } from 'vitest';
import { correctFigure, reportFigure, retractFigure } from '../../src/domain/figures.js';
import { buildApp, describeAppOnEachDialect, getJson, type Harness } from './harness.js';

const ARTICLE = 'https://kudupinter.com/?p=110469';
const ctx = { actor: 'api', now: new Date('2026-02-01T10:00:00Z') };

describeAppOnEachDialect('read API', {}, (current) => {
  let h: Harness;
  beforeEach(() => {
    h = current();
  });

  it("shows Foro Penal's 902 as of 2025-12-20 with its citation, stale by March 2026", async () => {
    const { status, body } = await getJson(h.app, '/api/v1/indicators/political-prisoners');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      slug: 'political-prisoners',
      kind: 'stock',
      names: { es: 'Presos políticos', en: 'Political prisoners' },
      staleAfterDays: 30,
      latest: [
        {
          figureId: expect.any(Number),
          source: { slug: 'foro-penal', name: 'Foro Penal', kind: 'ngo', url: 'https://foropenal.com' },
          value: { exact: 902 },
          valueText: '902',
          asOf: { text: '2025-12-20', precision: 'day', display: '20 dic 2025' },
          url: ARTICLE,
          link: ARTICLE,
          note: { es: 'Cifras revisadas por Foro Penal.', en: 'Figures reviewed by Foro Penal.' },
          stale: true,
        },
      ],
      spread: null,
    });
    expect((body as { latest: unknown[] }).latest).toHaveLength(1);
  });

  it('is not stale within the threshold', async () => {
    const fresh = await buildApp(h.handle, { now: new Date('2026-01-10T00:00:00Z'), seed: false });
    const { body } = await getJson(fresh.app, '/api/v1/indicators/political-prisoners');
    expect(body).toMatchObject({ latest: [{ value: { exact: 902 }, stale: false }] });
  });

  it('gives the spread between sources, display texts in the requested language', async () => {
    const { body } = await getJson(h.app, '/api/v1/indicators/post-election-releases?lang=en');
    expect(body).toMatchObject({
      latest: expect.arrayContaining([
        expect.objectContaining({ source: expect.objectContaining({ slug: 'ngo-coalition-dec-2025' }), value: { low: 60, high: 75 }, valueText: '60–75', link: ARTICLE }),
        expect.objectContaining({ source: expect.objectContaining({ slug: 'ministerio-servicio-penitenciario' }), value: { exact: 99 }, period: { from: '2025-12-24', to: '2025-12-25' } }),
      ]),
      spread: { low: { value: 60, source: 'ngo-coalition-dec-2025' }, high: { value: 99, source: 'ministerio-servicio-penitenciario' } },
    });
    await reportFigure(h.handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 1085 }, asOf: '2026-01-31', url: 'https://foropenal.com/r/1' }, ctx);
    expect((await getJson(h.app, '/api/v1/indicators/political-prisoners?lang=en')).body).toMatchObject({ latest: [{ valueText: '1,085', asOf: { display: '31 Jan 2026' } }] });
    expect((await getJson(h.app, '/api/v1/indicators/political-prisoners')).body).toMatchObject({ latest: [{ valueText: '1.085' }] });
  });

  it('refuses an unknown language', async () => {
    const { status, body } = await getJson(h.app, '/api/v1/indicators?lang=fr');
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'invalid_request', params: { issues: [{ field: 'lang', problem: 'choice', accepted: ['es', 'en'] }] } } });
  });

  it('lists every indicator with a one-line latest per source', async () => {
    const { status, body } = await getJson(h.app, '/api/v1/indicators');
    expect(status).toBe(200);
    const { indicators } = body as { indicators: { slug: string; latest: unknown[] }[] };
    expect(indicators.map((i) => i.slug)).toEqual(['forced-disappearances', 'political-prisoners', 'post-election-releases']);
    expect(indicators[1]).toMatchObject({
      names: { en: 'Political prisoners' },
      aliases: { es: expect.arrayContaining(['presos políticos']) },
      latest: [{ source: 'foro-penal', value: { exact: 902 }, valueText: '902', asOf: '2025-12-20', link: ARTICLE, stale: true }],
    });
    expect(indicators[2]?.latest).toHaveLength(2);
  });

  it('answers 404 for an unknown indicator, suggesting the likely one', async () => {
    const { status, body } = await getJson(h.app, '/api/v1/indicators/presos-politicos');
    expect(status).toBe(404);
    expect(body).toMatchObject({ error: { code: 'unknown_indicator', params: { input: 'presos-politicos', suggestions: ['political-prisoners'] } } });
    expect((await getJson(h.app, '/api/v1/indicators/zzz/figures')).body).toMatchObject({ error: { code: 'unknown_indicator', params: { suggestions: [] } } });
  });

  it('lists sources', async () => {
    const { body } = await getJson(h.app, '/api/v1/sources');
    expect(body).toMatchObject({
      sources: expect.arrayContaining([{ slug: 'foro-penal', name: 'Foro Penal', kind: 'ngo', url: 'https://foropenal.com', description: expect.any(Object) }]),
    });
    expect((body as { sources: unknown[] }).sources).toHaveLength(3);
  });

  it('gives the history with corrections and retractions, newest as-of first, filtered by source', async () => {
    const newer = await reportFigure(h.handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'approx', value: 950 }, asOf: '2026-01', url: 'https://foropenal.com/r/2' }, ctx);
    await correctFigure(h.handle.db, newer.id, { kind: 'exact', value: 951 }, 'typo in the count', ctx);
    await retractFigure(h.handle.db, newer.id, 'wrong indicator', ctx);
    const { status, body } = await getJson(h.app, '/api/v1/indicators/political-prisoners/figures?source=foro-penal');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      indicator: { slug: 'political-prisoners' },
      figures: [
        {
          id: newer.id,
          value: { exact: 951 },
          asOf: { text: '2026-01', precision: 'month' },
          retracted: true,
          revisions: [
            { revision: 1, kind: 'report', value: { approx: 950 }, reason: null },
            { revision: 2, kind: 'correction', value: { exact: 951 }, reason: 'typo in the count' },
            { revision: 3, kind: 'retraction', reason: 'wrong indicator' },
          ],
        },
        { value: { exact: 902 }, retracted: false, revisions: [{ kind: 'report' }] },
      ],
    });
    // Retracted, so the latest is Foro Penal's 902 again.
    expect((await getJson(h.app, '/api/v1/indicators/political-prisoners')).body).toMatchObject({ latest: [{ value: { exact: 902 } }] });
    expect(JSON.stringify(body)).not.toContain('recordedBy');
  });

  it('answers 404 for an unknown source filter and 400 for an unknown format', async () => {
    expect((await getJson(h.app, '/api/v1/indicators/political-prisoners/figures?source=nobody')).body)
      .toMatchObject({ error: { code: 'unknown_source', params: { input: 'nobody' } } });
    const { status, body } = await getJson(h.app, '/api/v1/indicators/political-prisoners/figures?format=xml');
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { params: { issues: [{ field: 'format', problem: 'choice', accepted: ['json', 'csv'] }] } } });
  });

  it('exports the history as RFC 4180 CSV', async () => {
    const noted = await reportFigure(h.handle.db, {
      indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'at_least', value: 1000 }, asOf: '2026-01-15',
      url: 'https://foropenal.com/r/3', note: 'says "over 1,000"\nper region',
    }, ctx);
    const response = await h.app.request('/api/v1/indicators/political-prisoners/figures?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="political-prisoners-figures.csv"');
    const text = await response.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'id,indicator,source,value,as_of,period_from,period_to,url,note,retracted,recorded_at,revisions,' +
        'revision,revision_kind,revision_value,revision_reason,revision_recorded_at',
    );
    expect(text).toContain(
      `${noted.id},political-prisoners,foro-penal,>=1000,2026-01-15,,,https://foropenal.com/r/3,"says ""over 1,000""\nper region",false,${noted.recordedAt},1,` +
        `1,report,>=1000,,${noted.recordedAt}\r\n`,
    );
    expect(text).toMatch(/\r\n\d+,political-prisoners,foro-penal,902,2025-12-20,,,https:\/\/kudupinter\.com\/\?p=110469,Cifras revisadas por Foro Penal\.,false,([^,]+),1,1,report,902,,\1\r\n$/);
  });
});
