// The pages as a person sees them: Debian's chromium driven by playwright-core against the real
// server (startServer, demo dataset, a real port). For `/`, an indicator page and a figure page,
// in both languages, on a phone (390×844) and a laptop (1280×800): no failed request, no request
// to another host, no console error, no horizontal scroll, the demo figures visible with their
// sources and dates, and axe-core finding no serious or critical violation. And the API's reference
// page, /api/docs (Swagger UI, served by cifras): no failed request, nothing from another host, no
// console error, every operation of /api/v1/openapi.json listed. Screenshots go to
// test-results/screenshots/ for a person to look at.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../src/main.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'];
export const SCREENSHOTS = join('test-results', 'screenshots');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing and CI=true: install it (apt-get install -y chromium); failing, not skipping`);
  console.warn(`\n!!! ${CHROMIUM} is missing: the browser tests are SKIPPED (apt-get install -y chromium) !!!\n`);
}

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;

/** What each page must show of the demo dataset, by language. */
const PAGES = [
  { name: 'home', path: '/', es: ['Presos políticos', 'Foro Penal', '902', '20 dic 2025', '99', '60–75', '25 dic 2025', 'Ministerio del Poder Popular para el Servicio Penitenciario', 'Comité de Madres en Defensa de la Verdad'], en: ['Political prisoners', 'Foro Penal', '902', '20 Dec 2025', '99', '60–75', '25 Dec 2025', 'Releases of post-election detainees'] },
  { name: 'political-prisoners', path: '/indicators/political-prisoners', es: ['Presos políticos', 'Foro Penal', '902', '20 dic 2025', 'Historial completo', 'kudupinter.com'], en: ['Political prisoners', 'Foro Penal', '902', '20 Dec 2025', 'Full history', 'kudupinter.com'] },
  { name: 'figure-1', path: '/figures/1', es: ['Cifra n.º 1', 'Foro Penal', '902', '20 dic 2025', 'Revisiones'], en: ['Figure #1', 'Foro Penal', '902', '20 Dec 2025', 'Revisions'] },
] as const;

/**
 * Everything on `page` that would be a problem for a reader: a request to another host, a failed
 * request or HTTP error, a console error, an uncaught script error. Collected as they happen.
 */
function watchProblems(page: Page, origin: string): string[] {
  const problems: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) problems.push(`request to another host: ${request.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** Every operation an OpenAPI document describes, as `METHOD /path`, sorted. */
function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
  return Object.entries(document.paths)
    .flatMap(([path, item]) => Object.keys(item).filter((key) => methods.has(key)).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

describe.skipIf(!haveChromium)('the pages in a real browser (chromium)', () => {
  let dir: string;
  let server: ServerHandle;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cifras-browser-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startServer({
      env: { DATABASE_URL: `sqlite:${join(dir, 'cifras.db')}`, PORT: '0', LOG_LEVEL: 'silent' },
      handleSignals: false,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const cases = PAGES.flatMap((p) => (['es', 'en'] as const).flatMap((lang) => VIEWPORTS.map((viewport) => ({ page: p, lang, viewport }))));

  it.each(cases)('$page.path in $lang at $viewport.width px', async ({ page: target, lang, viewport }) => {
    // A Spanish-speaking reader's browser; English is chosen with the page's own switch (?lang=en).
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'es-VE' });
    try {
      const page = await context.newPage();
      const problems = watchProblems(page, new URL(server.url).origin);

      const url = `${server.url}${target.path}${lang === 'en' ? '?lang=en' : ''}`;
      const response = await page.goto(url, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);

      const text = await page.innerText('body');
      for (const expected of target[lang]) expect(text, `${target.path} ${lang}`).toContain(expected);

      // Run in the page (the tests' tsconfig has no DOM types: the globals are described here).
      const widths = await page.evaluate(() => {
        const w = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
        return { scroll: w.document.documentElement.scrollWidth, viewport: w.innerWidth };
      });
      expect(widths.scroll, 'no horizontal scroll').toBeLessThanOrEqual(widths.viewport);

      if (target.name === 'political-prisoners') {
        // One history chart, the drawing for this width (the browser picks it), loaded and
        // filling the content column.
        const chart = page.locator('figure.chart.history img');
        expect(await chart.count()).toBe(1);
        await chart.scrollIntoViewIfNeeded();
        await page.waitForFunction(() => {
          const img = (globalThis as unknown as { document: { querySelector(s: string): { complete: boolean; naturalWidth: number } | null } }).document.querySelector('figure.chart.history img');
          return img !== null && img.complete && img.naturalWidth > 0;
        });
        const drawn = await chart.evaluate((img) => {
          const image = img as unknown as { currentSrc: string; naturalWidth: number; complete: boolean };
          return { src: image.currentSrc, width: image.naturalWidth, complete: image.complete };
        });
        expect(drawn.complete && drawn.width > 0, 'the chart image loaded').toBe(true);
        expect(drawn.src).toContain(`width=${viewport.width < 768 ? '420' : '800'}`);
        const chartBox = await chart.boundingBox();
        const mainBox = await page.locator('main').boundingBox();
        expect(chartBox!.width, 'the chart fills the content width').toBeGreaterThanOrEqual(mainBox!.width - 2 * 16 - 1);
      }

      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const { axe } = globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } };
        return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }));
      });
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);

      await page.screenshot({ path: join(SCREENSHOTS, `${target.name}-${lang}-${viewport.width}.png`), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('/api/docs lists every operation of the OpenAPI document, all from cifras itself', async () => {
    const document = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const expected = operationsOf(document);
    expect(expected.length).toBeGreaterThan(10);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-VE' });
    try {
      const page = await context.newPage();
      const problems = watchProblems(page, new URL(server.url).origin);
      const response = await page.goto(`${server.url}/api/docs`, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      // Swagger UI draws one block per operation once it has read the document.
      await page.locator('.opblock').first().waitFor();
      await page.waitForFunction((count) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('.opblock').length >= count, expected.length);
      const listed = await page.locator('.opblock .opblock-summary').evaluateAll((blocks) =>
        blocks.map((block) => {
          const b = block as unknown as { querySelector(s: string): { textContent: string | null; getAttribute(a: string): string | null } | null };
          return `${b.querySelector('.opblock-summary-method')?.textContent?.trim() ?? '?'} ${b.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '?'}`;
        }),
      );
      expect(listed.sort()).toEqual(expected);
      await page.screenshot({ path: join(SCREENSHOTS, 'api-docs-1280.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
