// The Atom feeds through the real app, parsed back with an independent parser
// (@rowanmanning/feed-parser), on SQLite and PostgreSQL: one entry per event, stable ids, old → new
// in the reader's language, bounded, and escaped; a quiet import (a back-fill) adds no entry, its
// figures on the pages all the same.
import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeEach, expect, it } from 'vitest';
import { correctFigure, reportFigure, retractFigure } from '../../src/domain/figures.js';
import { importFile } from '../../src/import/import-file.js';
import { FEED_SIZE } from '../../src/web/web-routes.js';
import { describeAppOnEachDialect, type Harness } from '../http/harness.js';

const ctx = { actor: 'api', now: new Date('2026-02-01T10:00:00Z') };

async function feed(h: Harness, path: string) {
  const response = await h.app.request(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const xml = await response.text();
  return { response, xml, parsed: parseFeed(xml) };
}

describeAppOnEachDialect('Atom feeds', {}, (current) => {
  let h: Harness;
  beforeEach(() => {
    h = current();
  });

  it('lists every event of the demo data, newest first, each linking to its figure', async () => {
    const { parsed } = await feed(h, '/feeds/all.atom');
    expect(parsed.meta.type).toBe('atom');
    expect(parsed.title).toBe('cifras: todas las novedades');
    expect(parsed.items.map((i) => i.title)).toEqual([
      'Nueva cifra · Excarcelaciones de detenidos postelectorales — Justicia, Encuentro y Perdón; Comité de Madres en Defensa de la Verdad; Comité por la Libertad de los Presos Políticos (CLPP): 60–75',
      'Nueva cifra · Excarcelaciones de detenidos postelectorales — Ministerio del Poder Popular para el Servicio Penitenciario: 99',
      'Nueva cifra · Desapariciones forzadas — Foro Penal: 62',
      'Nueva cifra · Presos políticos — Foro Penal: 902',
    ]);
    expect(parsed.items[3]).toMatchObject({
      id: 'tag:localhost,2026:event/1',
      url: 'http://localhost/figures/1',
      description: 'Foro Penal: 902, al 20 dic 2025. #1 · https://kudupinter.com/?p=110469.',
      published: new Date('2025-12-26T00:00:00Z'),
    });
  });

  it('gives a correction old → new with its reason and a retraction with its reason, in English on ?lang=en', async () => {
    await correctFigure(h.handle.db, 1, { kind: 'exact', value: 910 }, 'count reviewed', ctx);
    await retractFigure(h.handle.db, 1, 'duplicate of another report', { ...ctx, now: new Date('2026-02-02T10:00:00Z') });
    const { parsed } = await feed(h, '/indicators/political-prisoners/feed.atom?lang=en');
    expect(parsed.title).toBe('cifras: Political prisoners');
    expect(parsed.items.map((i) => [i.title, i.description])).toEqual([
      ['Figure retracted · Political prisoners — Foro Penal: 910', 'Foro Penal: 910, as of 20 Dec 2025. #1 · https://kudupinter.com/?p=110469. Reason: duplicate of another report.'],
      ['Figure corrected · Political prisoners — Foro Penal: 902 → 910', 'Foro Penal: 902 → 910, as of 20 Dec 2025. #1 · https://kudupinter.com/?p=110469. Reason: count reviewed.'],
      ['New figure · Political prisoners — Foro Penal: 902', 'Foro Penal: 902, as of 20 Dec 2025. #1 · https://kudupinter.com/?p=110469.'],
    ]);
    expect(parsed.items[0]?.url).toBe('http://localhost/figures/1?lang=en');
  });

  it('keeps each entry\'s id across fetches and writes, one id per event', async () => {
    const before = (await feed(h, '/feeds/all.atom')).parsed.items.map((i) => i.id);
    await correctFigure(h.handle.db, 3, { kind: 'exact', value: 101 }, 'comunicado ampliado', ctx);
    const after = (await feed(h, '/feeds/all.atom')).parsed.items.map((i) => i.id);
    expect(after.slice(1)).toEqual(before);
    expect(new Set(after).size).toBe(after.length);
    expect(after[0]).toMatch(/^tag:localhost,2026:event\/\d+$/);
  });

  it(`holds the newest ${FEED_SIZE} events only, and an indicator's feed only that indicator's`, async () => {
    for (let day = 1; day <= FEED_SIZE + 5; day++) {
      const asOf = `2025-${day <= 28 ? '11' : '10'}-${String(((day - 1) % 28) + 1).padStart(2, '0')}`;
      await reportFigure(h.handle.db, { indicator: 'forced-disappearances', source: 'foro-penal', value: { kind: 'exact', value: 100 + day }, asOf, url: `https://foropenal.com/d/${day}` }, ctx);
    }
    const all = (await feed(h, '/feeds/all.atom')).parsed.items;
    expect(all).toHaveLength(FEED_SIZE);
    expect(all[0]?.title).toBe(`Nueva cifra · Desapariciones forzadas — Foro Penal: ${100 + FEED_SIZE + 5}`);
    const prisoners = (await feed(h, '/indicators/political-prisoners/feed.atom')).parsed.items;
    expect(prisoners.map((i) => i.title)).toEqual(['Nueva cifra · Presos políticos — Foro Penal: 902']);
  });

  it('leaves out what a quiet import recorded (feed readers are subscribers), while the pages show it', async () => {
    const before = (await feed(h, '/feeds/all.atom')).parsed.items.map((i) => i.id);
    const outcome = await importFile(h.handle.db, 'tests/fixtures/import/backfill-2018.csv', { actor: 'cli:import', now: ctx.now, quiet: true });
    expect(outcome).toMatchObject({ ok: true, counts: { figures: 3 } });
    expect((await feed(h, '/feeds/all.atom')).parsed.items.map((i) => i.id)).toEqual(before);
    expect((await feed(h, '/indicators/political-prisoners/feed.atom')).parsed.items.map((i) => i.title)).toEqual(['Nueva cifra · Presos políticos — Foro Penal: 902']);
    const page = await h.app.request('/indicators/political-prisoners');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('foropenal.com/reporte-2018-02-02');
    expect(html).toContain('foropenal.com/reporte-2018-01-15');
    // A figure reported afterwards, not quietly, is the feed's newest entry.
    await reportFigure(h.handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 905 }, asOf: '2026-01-30', url: 'https://foropenal.com/r' }, ctx);
    expect((await feed(h, '/feeds/all.atom')).parsed.items[0]?.title).toBe('Nueva cifra · Presos políticos — Foro Penal: 905');
  });

  it('shows typed markup as text, never as markup', async () => {
    await correctFigure(h.handle.db, 1, { kind: 'exact', value: 903 }, '<b>bold</b> & <script>x</script>', ctx);
    const { parsed, xml } = await feed(h, '/feeds/all.atom');
    // The summary is HTML (type="html"): the typed text is escaped in it, so a feed reader shows
    // the characters; the parser, decoding that HTML to its text, gets back exactly what was typed.
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('Motivo: &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;.');
    expect(parsed.items[0]?.description).toContain('Motivo: <b>bold</b> & <script>x</script>.');
  });

  it('uses PUBLIC_URL for ids and links when it is set, and answers 304 to a reader polling with its ETag', async () => {
    const { buildApp } = await import('../http/harness.js');
    const hosted = await buildApp(h.handle, { seed: false, env: { PUBLIC_URL: 'https://cifras.example.org' } });
    const first = await feed(hosted, '/feeds/all.atom');
    expect(first.parsed.self).toBe('https://cifras.example.org/feeds/all.atom');
    expect(first.parsed.items[0]?.id).toMatch(/^tag:cifras\.example\.org,2026:event\/\d+$/);
    expect(first.parsed.items[0]?.url).toMatch(/^https:\/\/cifras\.example\.org\/figures\/\d+$/);
    const etag = first.response.headers.get('etag')!;
    const again = await hosted.app.request('/feeds/all.atom', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });
});
