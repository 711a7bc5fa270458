// GET /indicators/:slug/chart.svg and /indicators/:slug/chart.png — an indicator's history chart,
// `?source=` narrowing it to one source, `?lang=` its language, `?width=` its width in px.
// A rendering is kept until the next write: it is filed under the data version it was drawn at,
// which also makes its ETag, so a client that has it is answered 304 without drawing anything.
import { Hono, type Context } from 'hono';
import { LRUCache } from 'lru-cache';
import { createChartRenderer, type ChartRenderer } from '../charts/index.js';
import { indicatorHistory } from '../domain/queries.js';
import { requireSource } from '../domain/sources.js';
import type { Locale } from '../domain/types.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { errorBody } from '../http/error-handler.js';
import { findIndicator } from '../http/find-indicator.js';
import { requestLocale } from '../http/request-locale.js';
import { messagesFor } from '../i18n/index.js';

export interface ChartRouteDeps extends AppDeps {
  /** Made here when not given: it resolves the font's file once. */
  readonly charts?: ChartRenderer;
}

const WIDTH = { min: 320, max: 1600, default: 800 } as const;

const FORMATS = {
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
} as const;
type Format = keyof typeof FORMATS;

/** Renderings of every version but the newest are dropped; this bounds the newest's. */
const KEPT_BYTES = 32 * 1024 * 1024;

export function chartRoutes({ handle, config, cache, charts = createChartRenderer() }: ChartRouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const kept = new LRUCache<string, Buffer>({ maxSize: KEPT_BYTES, sizeCalculation: (body) => Math.max(1, body.length) });
  let keptVersion = -1;

  const answer = (format: Format) => async (c: Context<AppEnv>) => {
    const locale = requestLocale(c, config.defaultLocale);
    const width = chartWidth(c.req.query('width'));
    if (typeof width === 'string') return widthRefused(c, width, locale);
    const indicator = await findIndicator(handle.db, c.req.param('slug') ?? '');
    const sourceSlug = c.req.query('source');
    // An unknown source is a 404, never an empty chart: a typo must not look like "no figures".
    const source = sourceSlug === undefined ? null : await requireSource(handle.db, sourceSlug);
    const { version } = await cache.view();
    if (version > keptVersion) {
      kept.clear();
      keptVersion = version;
    }
    const key = [version, indicator.slug, source?.slug ?? '', locale, width, format].join('.');
    const headers = { ETag: `"${key}"`, 'Cache-Control': 'public, no-cache', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" };
    if (matches(c.req.header('If-None-Match'), headers.ETag)) return c.body(null, 304, headers);
    let body = kept.get(key);
    if (body === undefined) {
      const figures = await indicatorHistory(handle.db, indicator, source?.slug);
      const input = { indicator, figures, locale, width, source };
      body = format === 'svg' ? Buffer.from(charts.svg(input)) : await charts.png(input);
      // Drawn from data read after `version`: filed under it only if no write has come since.
      if (version === keptVersion) kept.set(key, body);
    }
    return c.body(new Uint8Array(body), 200, { ...headers, 'Content-Type': FORMATS[format] });
  };

  routes.get('/indicators/:slug/chart.svg', answer('svg'));
  routes.get('/indicators/:slug/chart.png', answer('png'));
  return routes;
}

/** `?width=` as a number of px, or the text refused. */
function chartWidth(input: string | undefined): number | string {
  if (input === undefined) return WIDTH.default;
  const width = /^\d{1,5}$/.test(input) ? Number(input) : NaN;
  return width >= WIDTH.min && width <= WIDTH.max ? width : input;
}

function widthRefused(c: Context<AppEnv>, input: string, locale: Locale): Response {
  const params = { field: 'width', input, min: WIDTH.min, max: WIDTH.max };
  return c.json(errorBody('invalid_field', messagesFor(locale).chart.widthOutOfRange(input, WIDTH.min, WIDTH.max), params), 400);
}

/** If-None-Match holds this ETag (or `*`); weak comparison, as RFC 9110 asks for GET. */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
