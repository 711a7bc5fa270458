// The public pages through the real app, on SQLite and PostgreSQL, with the bundled demo data:
// what a reader sees in each language, the markers, the links, escaping, the 404 page, and the
// ETag that follows the data version.
import { gunzipSync } from 'node:zlib';
import { beforeEach, expect, it } from 'vitest';
import { correctFigure, reportFigure, retractFigure } from '../../src/domain/figures.js';
import { upsertSource } from '../../src/domain/sources.js';
import { buildApp, describeAppOnEachDialect, type Harness } from '../http/harness.js';

const ARTICLE = 'https://kudupinter.com/?p=110469';
const ctx = { actor: 'api', now: new Date('2026-02-01T10:00:00Z') };

/** The text a reader sees: tags dropped, entities decoded, spaces collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

async function page(h: Harness, path: string, headers: Record<string, string> = {}) {
  const response = await h.app.request(path, { headers });
  const html = await response.text();
  return { response, html, text: visibleText(html) };
}

describeAppOnEachDialect('web pages', {}, (current) => {
  let h: Harness;
  beforeEach(() => {
    h = current();
  });

  it('shows every indicator on / in Spanish by default: values, sources, dates, stale markers, the spread', async () => {
    const { response, html, text } = await page(h, '/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.startsWith('<!doctype html><html lang="es">')).toBe(true);
    expect(text).toContain('Presos políticos');
    expect(text).toContain('Foro Penal 902 desactualizada 20 dic 2025');
    expect(text).toContain('Ministerio del Poder Popular para el Servicio Penitenciario 99 desactualizada 25 dic 2025 (periodo 24 dic 2025 – 25 dic 2025)');
    expect(text).toContain('60–75');
    expect(text).toMatch(/Rango entre fuentes: 60 \(Justicia, Encuentro y Perdón;[^)]*\(CLPP\)\) – 99 \(Ministerio del Poder Popular/);
    expect(html).toContain(`<a href="${ARTICLE}">kudupinter.com</a>`);
    expect(html).toContain('<a href="/indicators/political-prisoners">Presos políticos</a>');
    expect(html).toContain('<a href="/figures/1" aria-label="Cifra n.º 1">#1</a>');
  });

  it('answers in English for ?lang=en and for Accept-Language, and keeps a chosen language on its links', async () => {
    const en = await page(h, '/?lang=en');
    expect(en.html).toContain('<html lang="en">');
    expect(en.text).toContain('Foro Penal 902 stale 20 Dec 2025');
    expect(en.text).toContain('Releases of post-election detainees');
    expect(en.html).toContain('<a href="/indicators/political-prisoners?lang=en">Political prisoners</a>');
    // The switch offers Spanish for the same page.
    expect(en.html).toContain('<a href="/?lang=es" hreflang="es" lang="es">Leer en español</a>');

    const header = await page(h, '/indicators/political-prisoners', { 'Accept-Language': 'en-GB,en;q=0.9,es;q=0.5' });
    expect(header.html).toContain('<html lang="en">');
    expect(header.response.headers.get('vary')).toContain('Accept-Language');
    expect(header.response.headers.get('content-language')).toBe('en');
    // Chosen by the header, the links need no parameter.
    expect(header.html).toContain('<a href="/figures/1" aria-label="Figure #1">#1</a>');

    // A language the site does not have falls back instead of failing the page.
    const unknown = await page(h, '/?lang=fr', { 'Accept-Language': 'en' });
    expect(unknown.response.status).toBe(200);
    expect(unknown.html).toContain('<html lang="en">');
  });

  it('follows DEFAULT_LOCALE when the reader names no language', async () => {
    const english = await buildApp(h.handle, { seed: false, env: { DEFAULT_LOCALE: 'en' } });
    const { html } = await page(english, '/figures/1');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Figure #1</h1>');
  });

  it('has a language switch on every page that keeps the page and its parameters', async () => {
    for (const path of ['/', '/indicators/political-prisoners', '/figures/3', '/indicators/nope']) {
      const { html } = await page(h, path);
      expect(html, path).toContain(`<a href="${path}?lang=en" hreflang="en" lang="en">Read in English</a>`);
    }
    const older = await page(h, '/indicators/political-prisoners?lang=en&cursor=abc&utm=x');
    expect(older.html).toContain('href="/indicators/political-prisoners?cursor=abc&amp;lang=es"');
    expect(older.html).not.toContain('utm');
  });

  it('loads only what cifras serves: its stylesheet and icon, cached for a year under content-hashed paths', async () => {
    const { html } = await page(h, '/');
    const loaded = [...html.matchAll(/<(?:link|script|img)\b[^>]*(?:href|src)="([^"]+)"/g)]
      .filter((m) => !/rel="alternate"/.test(m[0]))
      .map((m) => m[1]!);
    expect(loaded).toHaveLength(2);
    expect(html).not.toMatch(/<script|<img|@import|url\(/);
    for (const path of loaded) {
      expect(path).toMatch(/^\/assets\/(site|icon)\.[0-9a-f]{12}\.(css|svg)$/);
      const asset = await h.app.request(path);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await asset.text()).length).toBeGreaterThan(100);
    }
  });

  it('marks a corrected figure and shows the new value everywhere at once (the kept page is dropped on a write)', async () => {
    const before = await page(h, '/indicators/political-prisoners');
    await correctFigure(h.handle.db, 1, { kind: 'exact', value: 910 }, 'recuento revisado', ctx);
    const home = await page(h, '/');
    expect(home.text).toContain('Foro Penal 910 corregida desactualizada 20 dic 2025');
    const after = await page(h, '/indicators/political-prisoners');
    expect(after.text).toContain('Foro Penal: 910 corregida');
    expect(after.text).toContain('registrada : 902');
    expect(after.text).toContain('corregida : 902 → 910');
    expect(after.text).toContain('Motivo: recuento revisado');
    expect(after.response.headers.get('etag')).not.toBe(before.response.headers.get('etag'));
  });

  it('lists retracted figures in the history, marked, with the reason, and leaves them out of the latest', async () => {
    const newer = await reportFigure(h.handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'approx', value: 950 }, asOf: '2026-01', url: 'https://foropenal.com/r/2' }, ctx);
    await retractFigure(h.handle.db, newer.id, 'cifra de otro indicador', ctx);
    const { text, html } = await page(h, '/indicators/political-prisoners?lang=en');
    expect(text).toContain(`Foro Penal: ~950 retracted as of Jan 2026 · foropenal.com · #${newer.id}`);
    expect(text).toContain('retracted : ~950');
    expect(text).toContain('Reason: cifra de otro indicador');
    expect(html).toContain('class="is-retracted"');
    // The side-by-side table still shows the live 902.
    expect(text).toMatch(/Each source's latest count Source Count As of Link Foro Penal 902 stale 20 Dec 2025/);
  });

  it('links the indicator page to its CSV, JSON and Atom, and to the bot on Telegram and Discord when they are on', async () => {
    const off = await page(h, '/indicators/post-election-releases');
    expect(off.html).toContain('<a href="/api/v1/indicators/post-election-releases/figures?format=csv">CSV (hoja de cálculo)</a>');
    expect(off.html).toContain('<a href="/api/v1/indicators/post-election-releases/figures">JSON</a>');
    expect(off.html).toContain('<a href="/indicators/post-election-releases/feed.atom">Atom (suscripción)</a>');
    expect(off.html).not.toContain('t.me/');
    expect(off.html).not.toContain('En Discord');
    const csv = await h.app.request('/api/v1/indicators/post-election-releases/figures?format=csv');
    expect(csv.status).toBe(200);

    const on = await buildApp(h.handle, {
      seed: false,
      telegramUsername: 'cifras_bot',
      env: { DISCORD_INVITE_URL: 'https://discord.com/oauth2/authorize?client_id=123' },
    });
    const { html } = await page(on, '/indicators/post-election-releases');
    expect(html).toContain('<a href="https://t.me/cifras_bot">En Telegram</a> (@cifras_bot)');
    expect(html).toContain('<a href="https://discord.com/oauth2/authorize?client_id=123">En Discord</a>');
  });

  it('shows everything about one figure on its permalink, every revision included', async () => {
    await correctFigure(h.handle.db, 3, { kind: 'exact', value: 101 }, 'comunicado ampliado', ctx);
    const { response, text, html } = await page(h, '/figures/3?lang=en');
    expect(response.status).toBe(200);
    expect(html).toContain('<h1>Figure #3</h1>');
    expect(text).toContain('Indicator: Releases of post-election detainees');
    expect(text).toContain('Ministerio del Poder Popular para el Servicio Penitenciario: 101 corrected');
    expect(text).toContain('as of 25 Dec 2025 (period 24 Dec 2025 – 25 Dec 2025)');
    expect(text).toContain('Source Ministerio del Poder Popular para el Servicio Penitenciario · government');
    expect(text).toContain(`Link ${ARTICLE}`);
    // Recorded times in CIFRAS_TIMEZONE (default America/Caracas, UTC-4), the zone named.
    expect(text).toContain('Recorded 25 Dec 2025, 20:00 (Caracas time)');
    expect(text).toContain('Revisions recorded : 99 · 25 Dec 2025, 20:00 (Caracas time)');
    expect(text).toContain('corrected : 99 → 101 · 1 Feb 2026, 06:00 (Caracas time) · Reason: comunicado ampliado');
    expect(text).toContain('Reason: comunicado ampliado');
  });

  it('pages the full history through ?cursor= links, newest first, and explains a cursor that does not fit', async () => {
    for (let day = 1; day <= 30; day++) {
      await reportFigure(h.handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 800 + day }, asOf: `2025-11-${String(day).padStart(2, '0')}`, url: `https://foropenal.com/r/${day}` }, ctx);
    }
    const first = await page(h, '/indicators/political-prisoners?lang=en');
    const shown = (html: string) => [...html.matchAll(/<h3>Foro Penal: <span class="value">([\d,]+)<\/span>/g)].map((m) => m[1]);
    // The seed's 902 (20 Dec) first, then 30 Nov back to 7 Nov: 25 figures.
    expect(shown(first.html)).toEqual(['902', ...Array.from({ length: 24 }, (_, i) => String(830 - i))]);
    const next = /<a href="(\/indicators\/political-prisoners\?cursor=[^"]+)" rel="next">Older figures<\/a>/.exec(first.html)?.[1];
    expect(next).toBeDefined();
    expect(next).toContain('lang=en');
    const second = await page(h, next!.replaceAll('&amp;', '&'));
    expect(second.response.status).toBe(200);
    expect(shown(second.html)).toEqual(['806', '805', '804', '803', '802', '801']);
    expect(second.html).not.toContain('rel="next"');
    expect(second.html).toContain('<a href="/indicators/political-prisoners?lang=en">Back to the newest</a>');

    const bad = await page(h, '/indicators/political-prisoners?cursor=not-a-cursor');
    expect(bad.response.status).toBe(422);
    expect(bad.html).toContain('<html lang="es">');
    expect(bad.text).toContain('No se puede mostrar esta página');
    expect(bad.text).toContain('El cursor «not-a-cursor» no corresponde a ninguna página del historial');
    expect(bad.html).toContain('<a href="/indicators/political-prisoners">Presos políticos</a>');
  });

  it('escapes whatever names, notes and reasons hold', async () => {
    await upsertSource(h.handle.db, { slug: 'evil', kind: 'other', name: '<script>alert(1)</script> & "Co"' }, ctx);
    const figure = await reportFigure(h.handle.db, { indicator: 'political-prisoners', source: 'evil', value: { kind: 'exact', value: 5 }, asOf: '2026-01-15', url: 'https://example.org/"><b>x', note: '<img src=x onerror=alert(2)>' }, ctx);
    await correctFigure(h.handle.db, figure.id, { kind: 'exact', value: 6 }, '</li><script>alert(3)</script>', ctx);
    for (const path of ['/', '/indicators/political-prisoners', `/figures/${figure.id}`]) {
      const { html, text } = await page(h, path);
      // The page's own chart image is the only <img>: none of the data's markup got through.
      expect(html, path).not.toMatch(/<script|<img src=x|<b>x/);
      expect(text, path).toContain('<script>alert(1)</script> & "Co"');
    }
    // The history chart the indicator page shows, drawn by the chart route: its legend escaped too.
    const chart = await (await h.app.request('/indicators/political-prisoners/chart.svg?width=800')).text();
    expect(chart).not.toMatch(/<script|<b>x/);
    expect(chart).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const { html } = await page(h, `/figures/${figure.id}`);
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;/li&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
  });

  it('answers an unknown indicator or figure with a 404 page in the reader\'s language, listing the indicators', async () => {
    for (const path of ['/indicators/presos', '/figures/9999', '/figures/abc', '/indicators/nope/feed.atom']) {
      const { response, html, text } = await page(h, path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('etag')).toBeNull();
      expect(html).toContain('<html lang="es">');
      expect(text).toContain('Página no encontrada');
      expect(html).toContain('<a href="/indicators/political-prisoners">Presos políticos</a>');
      expect(html).toContain('<a href="/indicators/forced-disappearances">Desapariciones forzadas</a>');
    }
    const en = await page(h, '/figures/9999?lang=en');
    expect(en.text).toContain('Page not found');
    expect(en.html).toContain('<a href="/indicators/post-election-releases?lang=en">Releases of post-election detainees</a>');
  });

  it('gives an ETag from the data version and answers 304 while nothing was written', async () => {
    const first = await h.app.request('/indicators/political-prisoners');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"\d+-2026-03-01-es-h-[0-9a-f]{10}"$/);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const again = await h.app.request('/indicators/political-prisoners', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    // Another language is another representation.
    const english = await h.app.request('/indicators/political-prisoners?lang=en', { headers: { 'If-None-Match': etag! } });
    expect(english.status).toBe(200);

    await reportFigure(h.handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 1085 }, asOf: '2026-01-31', url: 'https://foropenal.com/r/1' }, ctx);
    const changed = await h.app.request('/indicators/political-prisoners', { headers: { 'If-None-Match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(visibleText(await changed.text())).toContain('Foro Penal 1.085 31 ene 2026');
  });

  it('sends the page gzipped to a reader who accepts it, the same bytes once decompressed, with its own ETag', async () => {
    const plain = await h.app.request('/', { headers: { 'Accept-Encoding': 'identity' } });
    const zipped = await h.app.request('/', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toContain('Accept-Encoding');
    const plainBytes = Buffer.from(await plain.arrayBuffer());
    const zippedBytes = Buffer.from(await zipped.arrayBuffer());
    expect(zippedBytes.length).toBeLessThan(plainBytes.length / 2);
    expect(gunzipSync(zippedBytes).equals(plainBytes)).toBe(true);
    const etag = zipped.headers.get('etag')!;
    expect(etag).not.toBe(plain.headers.get('etag'));
    expect((await h.app.request('/', { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': etag } })).status).toBe(304);
    // The uncompressed representation is another one: its validator does not match.
    expect((await h.app.request('/', { headers: { 'Accept-Encoding': 'gzip;q=0', 'If-None-Match': etag } })).status).toBe(200);
  });

  it('draws a sparkline per indicator on / and the history chart inline on the indicator page', async () => {
    const home = await page(h, '/?lang=en');
    const sparklines = [...home.html.matchAll(/<figure class="chart sparkline"><svg [^>]*role="img" aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(sparklines).toEqual(['Forcibly disappeared', 'Political prisoners', 'Releases of post-election detainees']);
    const indicator = await page(h, '/indicators/post-election-releases?lang=en');
    // An image of the chart route, drawn for a phone's column or for a laptop's content width:
    // the browser fetches the one that fits, and the page carries no SVG of its own.
    expect(indicator.html).toContain('<figure class="chart history"><picture><source media="(min-width: 48rem)" srcset="/indicators/post-election-releases/chart.svg?width=800&amp;lang=en"/><img src="/indicators/post-election-releases/chart.svg?width=420&amp;lang=en" alt="');
    expect(indicator.html).not.toContain('<svg');
    const drawn = await h.app.request('/indicators/post-election-releases/chart.svg?width=420&lang=en');
    expect(drawn.status).toBe(200);
    const svg = await drawn.text();
    expect(svg).toMatch(/viewBox="0 0 420 \d+"[^>]*role="img" aria-label="Releases of post-election detainees"/);
    // Both sources in its legend, and the links to the image files of the same chart.
    expect(svg).toContain('Ministerio del Poder Popular para el Servicio Penitenciario');
    expect(indicator.html).toContain('<a href="/indicators/post-election-releases/chart.png?lang=en">PNG</a>');
    const png = await h.app.request('/indicators/post-election-releases/chart.png?lang=en');
    expect(png.headers.get('content-type')).toBe('image/png');
  });
});
