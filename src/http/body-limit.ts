// A request body size limit that costs nothing on the usual request.
//
// hono/body-limit reads `c.req.raw.body`, and on @hono/node-server that one read builds a full
// web Request for the request (an undici Request, an AbortController, a body stream), which then
// also carries the body the handler reads. On the Discord interactions endpoint that was the
// largest single cost of an answer kept in memory (`npm run bench:webhook -- --cases c,d`). A
// request that declares its length (Discord, Telegram and every ordinary client do) is judged by
// that header: Node's HTTP parser never delivers more bytes than it declares. Only a body of
// undeclared length (chunked) is left to hono's streaming check.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as streamingBodyLimit } from 'hono/body-limit';

export interface BodyLimitOptions {
  readonly maxSize: number;
  /** The answer to a body over the limit (hono's default: 413 "Payload Too Large"). */
  readonly onError?: (c: Context) => Response | Promise<Response>;
}

export function bodyLimit(options: BodyLimitOptions): MiddlewareHandler {
  const onError = options.onError ?? ((c: Context) => c.text('Payload Too Large', 413));
  const streaming = streamingBodyLimit({ maxSize: options.maxSize, onError });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return streaming(c, next);
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length > options.maxSize) return onError(c);
    await next();
  };
}
