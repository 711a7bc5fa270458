// `X-Content-Type-Options: nosniff` on every response, errors and platform webhooks included, so a
// browser never runs as script or renders as HTML what cifras sent as JSON, CSV or text (a note
// holding `<script>` in a CSV export, say). Only this header: hono's secureHeaders would also set
// a dozen others (Cross-Origin-Resource-Policy: same-origin among them, which would stop other
// sites from showing the chart images) that are the web pages' decisions to make.
import type { MiddlewareHandler } from 'hono';

export function noSniff(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  };
}
