// The methods some route serves at a path, for the `Allow` header of a 405. Asked of the app's own
// router, so it agrees with routing by construction: only routes count, not middleware (which
// Hono registers under the method ALL).
import type { RouterRoute } from 'hono/types';

// HEAD is answered wherever GET is (Hono runs the GET route), so it is listed after GET, not asked.
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

type Matched = [[[unknown, RouterRoute], unknown][], ...unknown[]];

interface Routed {
  readonly router: { match(method: string, path: string): unknown };
}

export function allowedMethods(app: Routed): (path: string) => readonly string[] {
  return (path) =>
    METHODS.filter((method) => {
      const [handlers] = app.router.match(method, path) as Matched;
      return handlers.some(([[, route]]) => route.method !== 'ALL');
    }).flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
}
