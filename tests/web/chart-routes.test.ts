// GET /indicators/:slug/chart.svg and chart.png through the real app on both databases, over the
// demo dataset: languages, sources, widths, errors, and a rendering kept until the next write.
import { PNG } from 'pngjs';
import { beforeEach, expect, it } from 'vitest';
import { correctFigure, reportFigure, retractFigure } from '../../src/domain/figures.js';
import { describeAppOnEachDialect, type Harness } from '../http/harness.js';

const CHART = '/indicators/post-election-releases/chart';
const ctx = { actor: 'api', now: new Date('2026-01-05T12:00:00Z') };

describeAppOnEachDialect('chart routes', {}, (current) => {
  let h: Harness;
  beforeEach(() => {
    h = current();
  });

  it('answers an SVG of every source in Spanish by default, with the demo figures, an ETag and a Cache-Control', async () => {
    const response = await h.app.request(`${CHART}.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('ETag')).toMatch(/^"[^"]+"$/);
    expect(response.headers.get('Cache-Control')).toBe('public, no-cache');
    const svg = await response.text();
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('width="800"');
    expect(svg).toContain('Excarcelaciones');
    expect(svg).toContain('Ministerio del Poder Popular para el Servicio Penitenciario: 99 al 25 dic 2025.');
    expect(svg).toContain('60–75 al 25 dic 2025.');
    expect([...svg.matchAll(/<g class="series"/g)]).toHaveLength(2);
  });

  it('speaks English with ?lang=en or Accept-Language: en, and says it varies with the header', async () => {
    const byQuery = await (await h.app.request(`${CHART}.svg?lang=en`)).text();
    expect(byQuery).toContain('99 as of 25 Dec 2025.');
    const byHeader = await h.app.request(`${CHART}.svg`, { headers: { 'Accept-Language': 'en-GB,en;q=0.9,es;q=0.5' } });
    expect(await byHeader.text()).toContain('99 as of 25 Dec 2025.');
    expect(byHeader.headers.get('Vary')).toContain('Accept-Language');
  });

  it('narrows to one source with ?source= and names it in the title', async () => {
    const svg = await (await h.app.request('/indicators/political-prisoners/chart.svg?source=foro-penal&lang=en')).text();
    expect(svg).toContain('<title>Political prisoners — Foro Penal</title>');
    expect([...svg.matchAll(/<g class="series" data-source="([^"]+)"/g)].map((m) => m[1])).toEqual(['foro-penal']);
    expect(svg).toContain('Foro Penal: 902 as of 20 Dec 2025.');
  });

  it('draws a known source without figures for the indicator as an empty chart, not an error', async () => {
    const response = await h.app.request('/indicators/political-prisoners/chart.svg?source=ministerio-servicio-penitenciario');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Todavía no hay cifras para este gráfico.');
  });

  it('answers an unknown indicator or source 404 in the JSON error shape, in the request language', async () => {
    const indicator = await h.app.request('/indicators/presos/chart.png?lang=en');
    expect(indicator.status).toBe(404);
    expect(await indicator.json()).toMatchObject({ error: { code: 'unknown_indicator', params: { input: 'presos', suggestions: ['political-prisoners'] } } });
    const source = await h.app.request(`${CHART}.svg?source=nadie`);
    expect(source.status).toBe(404);
    expect(await source.json()).toMatchObject({ error: { code: 'unknown_source', message: 'No existe la fuente «nadie». Usa /fuentes para ver la lista.' } });
  });

  it('refuses a width outside 320–1600 px, or not a whole number, with a 400 explained in the request language', async () => {
    for (const width of ['319', '1601', '0', '800px', '8e2', '', '-400']) {
      const response = await h.app.request(`${CHART}.png?width=${encodeURIComponent(width)}`);
      expect(response.status, width).toBe(400);
      expect(await response.json()).toEqual({
        error: {
          code: 'invalid_field',
          message: `El ancho «${width}» no es válido: usa un número entero de 320 a 1600 (píxeles).`,
          params: { field: 'width', input: width, min: 320, max: 1600 },
        },
      });
    }
    const english = await h.app.request(`${CHART}.svg?width=2000&lang=en`);
    expect((await english.json()) as unknown).toMatchObject({ error: { message: 'The width "2000" is not valid: use a whole number from 320 to 1600 (pixels).' } });
    for (const width of [320, 1600]) {
      const svg = await (await h.app.request(`${CHART}.svg?width=${width}`)).text();
      expect(svg).toContain(`width="${width}"`);
    }
  });

  it('answers a PNG of the requested width that an independent decoder reads', async () => {
    const response = await h.app.request(`${CHART}.png?width=640&lang=en`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/png');
    const image = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
    expect(image.width).toBe(640);
    expect(image.height).toBeGreaterThan(300);
  });

  it('keeps a rendering until the next write: the same ETag and bytes, 304 on If-None-Match, a new ETag and chart after a write', async () => {
    for (const format of ['svg', 'png'] as const) {
      const path = `/indicators/political-prisoners/chart.${format}`;
      const first = await h.app.request(path);
      const etag = first.headers.get('ETag')!;
      const body = Buffer.from(await first.arrayBuffer());
      const again = await h.app.request(path);
      expect(again.headers.get('ETag')).toBe(etag);
      expect(Buffer.from(await again.arrayBuffer()).equals(body)).toBe(true);
      const notModified = await h.app.request(path, { headers: { 'If-None-Match': `"other", ${etag}` } });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.get('ETag')).toBe(etag);
      expect(await notModified.text()).toBe('');
      // Another width, language or format is another rendering with its own ETag.
      const other = await h.app.request(`${path}?width=400`, { headers: { 'If-None-Match': etag } });
      expect(other.status).toBe(200);
      expect(other.headers.get('ETag')).not.toBe(etag);

      await reportFigure(h.handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 951 }, asOf: '2026-01-03', url: 'https://example.org/fp' }, ctx);
      const after = await h.app.request(path, { headers: { 'If-None-Match': etag } });
      expect(after.status).toBe(200);
      expect(after.headers.get('ETag')).not.toBe(etag);
      const changed = Buffer.from(await after.arrayBuffer());
      expect(changed.equals(body)).toBe(false);
      if (format === 'svg') expect(changed.toString()).toContain('Foro Penal: 951 al 3 ene 2026.');
    }
  });

  it('draws the current value of a corrected figure and leaves out a retracted one', async () => {
    const figure = await reportFigure(h.handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 4000 }, asOf: '2026-01-03', url: 'https://example.org/fp' }, ctx);
    await correctFigure(h.handle.db, figure.id, { kind: 'exact', value: 940 }, 'typo: 940, not 4000', ctx);
    const withdrawn = await reportFigure(h.handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 7777 }, asOf: '2026-01-04', url: 'https://example.org/fp2' }, ctx);
    await retractFigure(h.handle.db, withdrawn.id, 'wrong indicator', ctx);
    const svg = await (await h.app.request('/indicators/political-prisoners/chart.svg')).text();
    expect(svg).toContain('Foro Penal: 940 al 3 ene 2026.');
    expect(svg).not.toContain('4.000');
    expect(svg).not.toContain(': 7777');
    expect(svg).not.toContain('7.777');
    expect(svg).not.toContain('8.000'); // the axis is not stretched to the retracted value
  });
});
