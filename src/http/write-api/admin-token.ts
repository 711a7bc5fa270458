// The write API's gate: `Authorization: Bearer $ADMIN_API_TOKEN`. Both tokens are hashed before
// the constant-time comparison, so neither their contents nor their lengths leak through timing.
// With no token configured the write API is off and says so. Refusals are thrown as ApiErrors, so
// the error boundary explains them in the request's language.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../api-error.js';
import type { AppEnv } from '../app-env.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

const BEARER = /^Bearer +(\S+) *$/i;

/** An absent or empty token turns the write API off (an empty one must never be accepted). */
export function requireAdminToken(token: string | null): MiddlewareHandler<AppEnv> {
  const expected = token === null || token === '' ? null : digest(token);
  return async (c, next) => {
    if (expected === null) throw new ApiError('write_api_disabled');
    const presented = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      throw new ApiError('unauthorized', {}, { 'WWW-Authenticate': 'Bearer realm="cifras write API"' });
    }
    await next();
  };
}
