// The public pages: GET /, /indicators/:slug, /figures/:id, the Atom feeds (/feeds/all.atom,
// /indicators/:slug/feed.atom) and the files the pages load (/assets/…).
// Read-only, server-rendered, complete without JavaScript; answered through answerPage (kept HTML,
// ETag, 304).
import { Hono } from 'hono';
import { getFigure } from '../domain/figure-read.js';
import { getIndicator } from '../domain/indicators.js';
import { allSummaries, indicatorSummary } from '../domain/queries.js';
import { indicatorHistoryPage } from '../domain/history-page.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { listIndicators } from '../domain/indicators.js';
import { newestFigures } from '../domain/newest-figures.js';
import { recentEvents } from '../domain/recent-events.js';
import { ASSETS } from './assets.js';
import { atomFeed } from './atom-feed.js';
import { FigurePage } from './figure-page.js';
import { HomePage } from './home-page.js';
import { IndicatorPage } from './indicator-page.js';
import { answerPage, PageNotFound } from './page-response.js';
import { renderDocument } from './render-document.js';

/** Figures per history page on the indicator page: a phone's worth of scrolling. */
export const HISTORY_PAGE_SIZE = 25;

/**
 * The newest figures each sparkline on `/` draws: the recent trend, read in one bounded page. Each
 * point costs about 60 bytes of SVG, times every indicator: at 200, the sparklines were half of a
 * 2.3 MB home page with 100 indicators of 20 sources.
 */
export const SPARKLINE_FIGURES = 60;

/** Entries per feed: the newest events; a reader polling now and then misses none. */
export const FEED_SIZE = 50;

const ATOM = 'application/atom+xml; charset=utf-8';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function webRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.handle;
  const routes = new Hono<AppEnv>();

  for (const asset of ASSETS) {
    routes.get(asset.path, (c) => c.body(asset.body, 200, { 'Content-Type': asset.contentType, 'Cache-Control': IMMUTABLE }));
  }

  routes.get('/', (c) =>
    answerPage(c, deps, {
      path: '/',
      render: async (page, today, view) => {
        const summaries = await allSummaries(db, today, view);
        const recent = await newestFigures(db, summaries.map((s) => s.indicator), SPARKLINE_FIGURES);
        return renderDocument(<HomePage page={page} summaries={summaries} recent={recent} />);
      },
    }),
  );

  routes.get('/indicators/:slug', (c) => {
    const slug = c.req.param('slug');
    const cursor = c.req.query('cursor');
    return answerPage(c, deps, {
      path: `/indicators/${slug}`,
      query: cursor === undefined ? {} : { cursor },
      render: async (page, today, view) => {
        const indicator = await getIndicator(db, slug);
        if (indicator === undefined) throw new PageNotFound();
        const summary = await indicatorSummary(db, indicator, today, view);
        const history = await indicatorHistoryPage(db, indicator, { limit: HISTORY_PAGE_SIZE, cursor });
        return renderDocument(<IndicatorPage page={page} summary={summary} history={history} paged={cursor !== undefined} />);
      },
    });
  });

  routes.get('/figures/:id', (c) => {
    const id = c.req.param('id');
    return answerPage(c, deps, {
      path: `/figures/${id}`,
      render: async (page) => {
        const figure = /^\d{1,15}$/.test(id) ? await getFigure(db, Number(id)) : undefined;
        const indicator = figure === undefined ? undefined : await getIndicator(db, figure.indicatorSlug);
        if (figure === undefined || indicator === undefined) throw new PageNotFound();
        return renderDocument(<FigurePage page={page} figure={figure} indicator={indicator} />);
      },
    });
  });

  routes.get('/feeds/all.atom', (c) =>
    answerPage(c, deps, {
      path: '/feeds/all.atom',
      contentType: ATOM,
      render: async (page, _today, view) =>
        atomFeed({
          page,
          title: page.t.web.feedAllTitle,
          selfPath: '/feeds/all.atom',
          pagePath: '/',
          events: await recentEvents(db, { limit: FEED_SIZE }, view),
          indicators: new Map((await listIndicators(db, view)).map((i) => [i.slug, i])),
        }),
    }),
  );

  routes.get('/indicators/:slug/feed.atom', (c) => {
    const slug = c.req.param('slug');
    return answerPage(c, deps, {
      path: `/indicators/${slug}/feed.atom`,
      contentType: ATOM,
      render: async (page, _today, view) => {
        const indicator = await getIndicator(db, slug);
        if (indicator === undefined) throw new PageNotFound();
        return atomFeed({
          page,
          title: page.t.web.feedTitle(indicator.name[page.locale]),
          selfPath: `/indicators/${slug}/feed.atom`,
          pagePath: `/indicators/${slug}`,
          events: await recentEvents(db, { indicator, limit: FEED_SIZE }, view),
          indicators: new Map([[indicator.slug, indicator]]),
        });
      },
    });
  });

  return routes;
}
