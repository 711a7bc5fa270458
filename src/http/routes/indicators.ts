// GET /api/v1/indicators (every indicator with a one-line latest per source) and
// GET /api/v1/indicators/:slug (latest per source in full, and the spread).
import { Hono } from 'hono';
import { todayOf } from '../../domain/as-of.js';
import { allSummaries, indicatorSummary } from '../../domain/queries.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { findIndicator } from '../find-indicator.js';
import { indicatorJson, latestBriefJson, summaryJson } from '../present.js';
import { requestLocale } from '../request-locale.js';

export function indicatorRoutes({ handle, cache, config, now = () => new Date() }: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/api/v1/indicators', async (c) => {
    const locale = requestLocale(c, config.defaultLocale);
    const summaries = await allSummaries(handle.db, todayOf(now()), await cache.view());
    return c.json({
      indicators: summaries.map((s) => ({
        ...indicatorJson(s.indicator),
        latest: s.latest.map((l) => latestBriefJson(l, locale)),
      })),
    });
  });

  routes.get('/api/v1/indicators/:slug', async (c) => {
    const locale = requestLocale(c, config.defaultLocale);
    const view = await cache.view();
    const indicator = await findIndicator(handle.db, c.req.param('slug'), view);
    const summary = await indicatorSummary(handle.db, indicator, todayOf(now()), view);
    return c.json(summaryJson(summary, locale));
  });

  return routes;
}
