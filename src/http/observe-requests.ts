// What every request leaves behind once answered: its metrics and its access line, and the app
// logger for handlers (requestLog). One middleware for both rather than one each: every layer is
// another promise chain per request, and the route pattern is looked up once. Together they were
// a sixth of the Telegram webhook's throughput on a cached answer (`npm run bench:webhook`).
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { AppEnv } from './app-env.js';
import { matchedRoute } from './matched-route.js';
import { accessLog } from './request-logger.js';
import { requestMetrics } from './request-metrics.js';

export function observeRequests(logger: Logger, metrics: Metrics): MiddlewareHandler<AppEnv> {
  const log = accessLog(logger);
  const record = requestMetrics(metrics);
  return async (c, next) => {
    c.set('appLogger', logger);
    const started = performance.now();
    await next();
    const durationMs = performance.now() - started;
    const route = matchedRoute(c);
    record(c, route, durationMs);
    log(c, route, durationMs);
  };
}
