// A request id for every request (hono/request-id): taken from a valid incoming X-Request-Id or
// generated, carried by the access log line and by every line a handler logs, and echoed in the
// response so whoever reports a problem can quote it.
//
// Except on the platform webhooks: Telegram and Discord read nothing but the body, and setting a
// header before the answer exists makes Hono build a Headers object for every response — measured
// at 10–13% of the Telegram webhook's throughput (`npm run bench:webhook -- --cases a,b`, four
// alternating runs: 9,220 and 9,513 req/s without the header, 8,417 and 8,410 with it). The id is
// still generated and logged there.
import type { MiddlewareHandler } from 'hono';
import { requestId as honoRequestId } from 'hono/request-id';
import type { AppEnv } from './app-env.js';

/** `webhookPaths`: the paths only a platform calls, where the id is logged but not echoed. */
export function requestId(webhookPaths: ReadonlySet<string>): MiddlewareHandler<AppEnv> {
  const echoed = honoRequestId();
  const logged = honoRequestId({ headerName: '' });
  return (c, next) => (webhookPaths.has(c.req.path) ? logged(c, next) : echoed(c, next));
}
