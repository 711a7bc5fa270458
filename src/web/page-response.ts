// How every page is answered. The HTML is kept, per page and language, until the data changes
// (the read cache, keyed by the data version), and its ETag is made of that same version: a
// browser or proxy that already holds the page gets a 304 without anything being rendered or
// read beyond the version. `Cache-Control: no-cache` makes them ask each time — figures change
// without notice, and a journalist must not cite yesterday's count from a cache.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { todayOf } from '../domain/as-of.js';
import { DomainError } from '../domain/errors.js';
import { listIndicators } from '../domain/indicators.js';
import type { CacheView } from '../domain/read-cache.js';
import { LOCALES } from '../domain/types.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { statusOf } from '../http/error-handler.js';
import { errorLocale } from '../http/request-locale.js';
import { ASSETS_VERSION } from './assets.js';
import { acceptsGzip, keptBody, type KeptBody } from './kept-body.js';
import { NotFoundPage } from './not-found-page.js';
import { pageContext, type PageContext } from './page-context.js';
import { renderDocument } from './render-document.js';

export interface PageAnswer {
  readonly status: 200 | 404 | 422;
  readonly body: KeptBody;
}

/** Thrown by a page's loader for an unknown slug or id: answered with the 404 page. */
export class PageNotFound extends Error {
  constructor() {
    super('page not found');
    this.name = 'PageNotFound';
  }
}

export interface PageRequest {
  /** What the page shows besides the language: its path and the parameters it reads. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Renders the page; throws PageNotFound (404 page) or a DomainError (its message, as a page). */
  readonly render: (page: PageContext, today: string, view: CacheView) => Promise<string>;
  /** What render returns; HTML unless said (the feeds are Atom). */
  readonly contentType?: string;
}

const HTML = 'text/html; charset=utf-8';
const CACHE_CONTROL = 'public, no-cache';

export async function answerPage(c: Context<AppEnv>, deps: AppDeps, request: PageRequest): Promise<Response> {
  // A `?lang=` the pages do not know falls back to the reader's header, as the error pages do,
  // rather than refusing: the page is still worth showing.
  const locale = errorLocale(c, deps.config.defaultLocale);
  const explicitLang = LOCALES.some((l) => l === c.req.query('lang'));
  const telegramUsername = deps.telegramUsername?.() ?? null;
  const view = await deps.cache.view();
  const today = todayOf((deps.now ?? (() => new Date()))());
  const site = siteVersion(telegramUsername, deps.config.discordInviteUrl);
  const gzipped = acceptsGzip(c.req.header('Accept-Encoding'));
  // A representation per encoding, so each has its own strong ETag (RFC 9110 §8.8.3).
  const etag = `"${view.version}-${today}-${locale}-${explicitLang ? 'l' : 'h'}-${site}${gzipped ? '-gz' : ''}"`;
  if (matches(c.req.header('If-None-Match'), etag)) {
    c.header('Vary', 'Accept-Encoding', { append: true });
    return c.body(null, 304, { ETag: etag, 'Cache-Control': CACHE_CONTROL });
  }

  const origin = deps.config.publicUrl ?? new URL(c.req.url).origin;
  const page = pageContext({
    locale,
    explicitLang,
    path: request.path,
    query: request.query ?? {},
    origin,
    timeZone: deps.config.timezone,
    telegramUsername,
    discordInviteUrl: deps.config.discordInviteUrl,
  });
  const key = `web:${locale}:${explicitLang}:${today}:${site}:${origin}${request.path}?${new URLSearchParams(request.query).toString()}`;
  const answer = await view.read(key, () => renderAnswer(deps, page, today, view, request));
  c.header('Vary', 'Accept-Encoding', { append: true });
  const bytes = gzipped && answer.body.gzip !== null ? answer.body.gzip : answer.body.identity;
  const headers: Record<string, string> = { 'Cache-Control': CACHE_CONTROL, 'Content-Language': locale };
  if (bytes !== answer.body.identity) headers['Content-Encoding'] = 'gzip';
  // Error pages are HTML whatever was asked for, and carry no ETag: nothing to revalidate.
  if (answer.status !== 200) return c.body(bytes, answer.status, { ...headers, 'Content-Type': HTML });
  return c.body(bytes, 200, { ...headers, 'Content-Type': request.contentType ?? HTML, ETag: etag });
}

async function renderAnswer(deps: AppDeps, page: PageContext, today: string, view: CacheView, request: PageRequest): Promise<PageAnswer> {
  try {
    return { status: 200, body: await keptBody(await request.render(page, today, view)) };
  } catch (error) {
    if (error instanceof PageNotFound) {
      const html = await renderDocument(NotFoundPage({ page, indicators: await listIndicators(deps.handle.db, view) }));
      return { status: 404, body: await keptBody(html) };
    }
    if (error instanceof DomainError && statusOf(error.code) === 422) {
      const message = page.t.errors[error.code](error.params);
      const html = await renderDocument(NotFoundPage({ page, indicators: await listIndicators(deps.handle.db, view), message }));
      return { status: 422, body: await keptBody(html) };
    }
    throw error;
  }
}

/** What besides the data and the language the HTML depends on: the assets and the follow links. */
function siteVersion(telegramUsername: string | null, discordInviteUrl: string | null): string {
  return createHash('sha256').update(`${ASSETS_VERSION}\n${telegramUsername ?? ''}\n${discordInviteUrl ?? ''}`).digest('hex').slice(0, 10);
}

/** If-None-Match holds this ETag (or `*`); weak forms compare equal, as RFC 9110 says for GET. */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
