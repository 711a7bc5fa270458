// The route pattern that answered a request (`/api/v1/indicators/:slug`), for metric labels and
// logs: the raw path would give every slug its own time series.
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/** Call after `await next()`. `unmatched` when no route answered (a 404 from notFound). */
export function matchedRoute(c: Context): string {
  const route = matchedRoutes(c)[c.req.routeIndex];
  // Middleware registered with app.use() sits at '*' (or '/*'); no route has that pattern, so if
  // the last handler to run was there, nothing matched.
  if (route === undefined || route.path === '*' || route.path === '/*') return 'unmatched';
  return route.path;
}
