// Gives each request a child logger carrying its request id (set by hono/request-id just before),
// and writes one access line per request once it is answered.
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.js';
import type { AppEnv } from './app-env.js';
import { matchedRoute } from './matched-route.js';

// Probes and scrapes arrive every few seconds; at info they would drown the interesting lines.
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

export function requestLogger(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const log = logger.child({ requestId: c.get('requestId') });
    c.set('logger', log);
    const started = performance.now();
    await next();
    const route = matchedRoute(c);
    const line = {
      method: c.req.method,
      path: c.req.path,
      route,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    if (QUIET_ROUTES.has(route)) log.debug(line, 'request');
    else log.info(line, 'request');
  };
}
