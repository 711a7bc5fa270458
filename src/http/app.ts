// The HTTP app: middleware every request passes through (request id, per-request logger, metrics,
// access log), one error boundary, the read API and its OpenAPI document, the public pages and
// charts (src/web/). The composition root
// gives it the rest: the write API as `routes`, and each platform's `webhooks` — routes at paths
// only a platform calls, where the middleware is scoped differently (request-id.ts). Everything
// passes through the same middleware and onError, and an OpenAPIHono sub-app's routes join the
// document.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { allowedMethods } from './allowed-methods.js';
import type { AppDeps, AppEnv } from './app-env.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { noSniff } from './no-sniff.js';
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
import type { ChartRenderer } from '../charts/index.js';
import { refuseInvalidRequest } from './validation-issues.js';
import { chartRoutes } from '../web/chart-routes.js';
import { webRoutes } from '../web/web-routes.js';

export type { AppDeps, AppEnv } from './app-env.js';
/** A sub-app of routes, or the app itself. */
export type App = Hono<AppEnv>;

/** A platform's route, at the one path the platform calls (`/telegram/webhook`). */
export interface Webhook {
  readonly path: string;
  readonly routes: App;
}

/** Routes mounted under a prefix (the write API at `/api/v1`). */
export interface MountedRoutes {
  readonly at: string;
  readonly routes: App;
}

export interface CreateAppOptions extends AppDeps {
  readonly routes?: readonly MountedRoutes[];
  /** The platforms' webhook routes. */
  readonly webhooks?: readonly Webhook[];
  /** The process's chart renderer (shared with /chart); made by the chart routes when absent. */
  readonly charts?: ChartRenderer;
}

export function createApp(options: CreateAppOptions): OpenAPIHono<AppEnv> {
  // The default hook reaches every OpenAPIHono mounted below: a request its schema refuses is
  // one translated 400 naming each wrong field.
  const app = new OpenAPIHono<AppEnv>({ defaultHook: refuseInvalidRequest });
  const webhooks = options.webhooks ?? [];
  app.use(requestId(new Set(webhooks.map((webhook) => webhook.path))));
  app.use(noSniff());
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
    chartRoutes(options),
    webRoutes(options),
    ...webhooks.map((webhook) => webhook.routes),
  ]) {
    app.route('/', routes);
  }
  for (const mounted of options.routes ?? []) app.route(mounted.at, mounted.routes);
  return app;
}
