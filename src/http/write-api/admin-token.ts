// The write API's gate: `Authorization: Bearer $ADMIN_API_TOKEN`. Both tokens are hashed before
// the constant-time comparison, so neither their contents nor their lengths leak through timing.
// With no token configured the write API is off and says so.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { errorBody } from '../error-handler.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

const BEARER = /^Bearer +(\S+) *$/i;

/** An absent or empty token turns the write API off (an empty one must never be accepted). */
export function requireAdminToken(token: string | null): MiddlewareHandler<AppEnv> {
  const expected = token === null || token === '' ? null : digest(token);
  return async (c, next) => {
    if (expected === null) {
      return c.json(
        errorBody('write_api_disabled', 'the write API is off on this server: it is enabled by setting ADMIN_API_TOKEN'),
        403,
      );
    }
    const presented = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      return c.json(
        errorBody('unauthorized', 'send the admin token as Authorization: Bearer <ADMIN_API_TOKEN>'),
        401,
        { 'WWW-Authenticate': 'Bearer realm="cifras write API"' },
      );
    }
    await next();
  };
}
