// GET /api/v1/indicators (every indicator with a one-line latest per source) and
// GET /api/v1/indicators/:slug (latest per source in full, and the spread).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { todayOf } from '../../domain/as-of.js';
import { allSummaries, indicatorSummary } from '../../domain/queries.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { findIndicator } from '../find-indicator.js';
import { indicatorJson, latestBriefJson, summaryJson } from '../present.js';
import { requestLocale } from '../request-locale.js';
import { langOnlyQuery, slugParam } from '../request-schemas.js';
import { errorResponses, IndicatorListSchema, jsonResponse, SummarySchema } from '../response-schemas.js';

const list = createRoute({
  method: 'get',
  path: '/api/v1/indicators',
  summary: "Every indicator with each source's latest figure in brief",
  tags: ['read'],
  request: { query: langOnlyQuery },
  responses: { 200: jsonResponse(IndicatorListSchema, 'Every indicator'), ...errorResponses([400]) },
});

const one = createRoute({
  method: 'get',
  path: '/api/v1/indicators/{slug}',
  summary: "One indicator: each source's latest figure side by side, stale flags and the spread",
  tags: ['read'],
  request: { params: slugParam, query: langOnlyQuery },
  responses: {
    200: jsonResponse(SummarySchema, 'The indicator'),
    ...errorResponses([400, 404], { 404: 'No such indicator (error.params.suggestions names the likely ones)' }),
  },
});

export function indicatorRoutes({ handle, cache, config, now = () => new Date() }: AppDeps): OpenAPIHono<AppEnv> {
  const routes = new OpenAPIHono<AppEnv>();

  routes.openapi(list, async (c) => {
    const locale = requestLocale(c, config.defaultLocale);
    const summaries = await allSummaries(handle.db, todayOf(now()), await cache.view());
    return c.json(
      {
        indicators: summaries.map((s) => ({
          ...indicatorJson(s.indicator),
          latest: s.latest.map((l) => latestBriefJson(l, locale)),
        })),
      },
      200,
    );
  });

  routes.openapi(one, async (c) => {
    const locale = requestLocale(c, config.defaultLocale);
    const view = await cache.view();
    const indicator = await findIndicator(handle.db, c.req.valid('param').slug, view);
    const summary = await indicatorSummary(handle.db, indicator, todayOf(now()), view);
    return c.json(summaryJson(summary, locale), 200);
  });

  return routes;
}
