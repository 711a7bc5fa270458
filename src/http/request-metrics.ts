// Counts and times every request by route pattern, method and status.
import type { MiddlewareHandler } from 'hono';
import type { Metrics } from '../metrics.js';
import type { AppEnv } from './app-env.js';
import { matchedRoute } from './matched-route.js';

export function requestMetrics(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const labels = { route: matchedRoute(c), method: c.req.method, status: String(c.res.status) };
    metrics.httpRequests.inc(labels);
    metrics.httpRequestDuration.observe(labels, (performance.now() - started) / 1000);
  };
}
