// The HTTP app's one error boundary: domain errors become JSON answers with a status that says
// whose fault it was and the catalog's message in the request's language (the error's own text
// is a code and JSON, for logs); anything unexpected is logged once, with the request id, and
// answered 500 with that id so an operator can find the log line — never with the error's text.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { DomainError, type DomainErrorCode } from '../domain/errors.js';
import type { Locale } from '../domain/types.js';
import { messagesFor } from '../i18n/index.js';
import type { AppEnv } from './app-env.js';
import { errorLocale } from './request-locale.js';
import { requestLog } from './request-logger.js';

// A state the request cannot change (already retracted, same value, an owner): 409. Codes not
// listed follow the rules in statusOf, so a code added later still gets a sensible status.
const CONFLICTS: ReadonlySet<DomainErrorCode> = new Set(['figure_retracted', 'unchanged_value', 'owner_not_revocable']);

export function statusOf(code: DomainErrorCode): ContentfulStatusCode {
  if (code === 'forbidden') return 403;
  // NUL, a bidi override or a lone surrogate is malformed text, like malformed JSON: 400.
  if (code === 'unsafe_text') return 400;
  if (code.startsWith('unknown_') || code.endsWith('_not_found')) return 404;
  if (CONFLICTS.has(code)) return 409;
  // invalid_*, future_date, reason_required, ambiguous_indicator…: well-formed but not acceptable.
  return 422;
}

/** The JSON body of every error answer. */
export function errorBody(code: string, message: string, params: Readonly<Record<string, unknown>> = {}) {
  return { error: { code, message, params } };
}

/** The app's onError; `defaultLocale` explains errors when the request names no language. */
export const errorHandler = (defaultLocale: Locale): ErrorHandler<AppEnv> => (error, c) => {
  if (error instanceof DomainError) {
    const message = messagesFor(errorLocale(c, defaultLocale)).errors[error.code](error.params);
    return c.json(errorBody(error.code, message, error.params), statusOf(error.code));
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    return c.json(errorBody('invalid_request', 'the request does not have the expected shape', { issues }), 400);
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Thrown by Hono middleware (bearer auth, body limit): keep its status and headers.
    const challenge = error.getResponse().headers.get('WWW-Authenticate');
    const body = errorBody(httpCode(error.status), error.message || httpCode(error.status).replaceAll('_', ' '));
    return c.json(body, error.status, challenge === null ? {} : { 'WWW-Authenticate': challenge });
  }
  return internalError(error, c);
};

function internalError(error: Error, c: Context<AppEnv>): Response {
  const requestId = c.get('requestId');
  // The logger is set by the second middleware; fall back in case something failed before it.
  (requestLog(c) ?? console).error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
  return c.json(errorBody('internal_error', `internal error; quote request id ${requestId} when reporting it`, { requestId }), 500);
}

function httpCode(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  return 'bad_request';
}

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`, { method: c.req.method, path: c.req.path }), 404);
