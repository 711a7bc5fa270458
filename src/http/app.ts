// The HTTP app: middleware every request passes through (request id, per-request logger, metrics,
// access log), one error boundary, the read API and the public pages (src/web/). Routes that need more than the database —
// the Telegram webhook, Discord interactions, the write API — are built elsewhere and mounted by
// the composition root, either through `extraRoutes` or with `app.route('/', subApp)` on the
// returned app: routes added after createApp still pass through the middleware and onError.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from './app-env.js';
import { errorHandler, handleNotFound } from './error-handler.js';
import { requestId } from './request-id.js';
import { observeRequests } from './observe-requests.js';
import { healthRoutes } from './routes/health.js';
import { indicatorFigureRoutes } from './routes/indicator-figures.js';
import { indicatorRoutes } from './routes/indicators.js';
import { metricsRoutes } from './routes/metrics.js';
import { sourceRoutes } from './routes/sources.js';
import { webRoutes } from '../web/web-routes.js';

export type { AppDeps, AppEnv } from './app-env.js';
export type App = Hono<AppEnv>;

export interface CreateAppOptions extends AppDeps {
  /** Sub-apps to mount at the root, e.g. the Telegram webhook or the write API. */
  readonly extraRoutes?: readonly App[];
}

export function createApp(options: CreateAppOptions): App {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(observeRequests(options.logger, options.metrics));
  app.onError(errorHandler(options.config.defaultLocale));
  app.notFound(handleNotFound);
  for (const routes of [
    healthRoutes(options),
    metricsRoutes(options),
    indicatorRoutes(options),
    indicatorFigureRoutes(options),
    sourceRoutes(options),
    webRoutes(options),
    ...(options.extraRoutes ?? []),
  ]) {
    app.route('/', routes);
  }
  return app;
}
