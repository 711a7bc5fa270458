// The HTTP app: middleware every request passes through (request id, per-request logger, metrics,
// access log), one error boundary, the read API and its OpenAPI document. Routes that need more
// than the database — the Telegram webhook, Discord interactions, the write API — are built
// elsewhere and mounted by the composition root, either through `extraRoutes` or with
// `app.route('/', subApp)` on the returned app: routes added after createApp still pass through
// the middleware and onError, and an OpenAPIHono sub-app's routes join the document.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { allowedMethods } from './allowed-methods.js';
import type { AppDeps, AppEnv } from './app-env.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { openApiRoutes } from './routes/openapi.js';
import { requestId } from './request-id.js';
import { observeRequests } from './observe-requests.js';
import { apiDocsRoutes } from './routes/api-docs.js';
import { figureRoutes } from './routes/figure.js';
import { healthRoutes } from './routes/health.js';
import { indicatorFigureRoutes } from './routes/indicator-figures.js';
import { indicatorRoutes } from './routes/indicators.js';
import { metricsRoutes } from './routes/metrics.js';
import { sourceRoutes } from './routes/sources.js';
import { refuseInvalidRequest } from './validation-issues.js';

export type { AppDeps, AppEnv } from './app-env.js';
/** A sub-app of routes, or the app itself. */
export type App = Hono<AppEnv>;

export interface CreateAppOptions extends AppDeps {
  /** Sub-apps to mount at the root, e.g. the Telegram webhook or the write API. */
  readonly extraRoutes?: readonly App[];
}

export function createApp(options: CreateAppOptions): OpenAPIHono<AppEnv> {
  // The default hook reaches every OpenAPIHono mounted below: a request its schema refuses is
  // one translated 400 naming each wrong field.
  const app = new OpenAPIHono<AppEnv>({ defaultHook: refuseInvalidRequest });
  app.use(requestId());
  app.use(observeRequests(options.logger, options.metrics));
  app.onError(errorHandler(options.config.defaultLocale));
  app.notFound(notFoundHandler(options.config.defaultLocale, allowedMethods(app)));
  for (const routes of [
    healthRoutes(options),
    metricsRoutes(options),
    indicatorRoutes(options),
    indicatorFigureRoutes(options),
    figureRoutes(options),
    sourceRoutes(options),
    apiDocsRoutes(),
    openApiRoutes(app),
    ...(options.extraRoutes ?? []),
  ]) {
    app.route('/', routes);
  }
  return app;
}
