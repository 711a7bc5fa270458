// The HTTP app's one error boundary: every error answer is JSON `{ error: { code, message,
// params } }` with the catalog's message in the request's language (?lang, Accept-Language,
// DEFAULT_LOCALE). Domain errors get a status that says whose fault it was; the HTTP layer's own
// (ApiError, and Hono's HTTPException for malformed JSON, 415, 413) theirs; a request that fails
// its schema names each wrong field as a person would. Anything unexpected is logged once, with
// the request id, and answered 500 with that id — never with the error's text.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { DomainError, type DomainErrorCode } from '../domain/errors.js';
import type { Locale } from '../domain/types.js';
import { messagesFor } from '../i18n/index.js';
import { ApiError, type ApiErrorCode } from './api-error.js';
import type { AppEnv } from './app-env.js';
import { errorLocale } from './request-locale.js';
import { requestLog } from './request-logger.js';
import { fieldLabel, issueMessage, requestIssues, type RequestIssue } from './validation-issues.js';

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

/** A domain error's message; a field it names is called as a person would (`asOf`: «fecha»). */
export function domainErrorMessage(error: DomainError, locale: Locale): string {
  const field = error.params['field'];
  const params = typeof field === 'string' ? { ...error.params, field: fieldLabel(field, locale) } : error.params;
  return messagesFor(locale).errors[error.code](params);
}

/** An ApiError's answer; an invalid request's issues each get their sentence. */
export function apiErrorResponse(c: Context, error: ApiError, locale: Locale): Response {
  let params = error.params;
  let details = '';
  const issues = error.params['issues'];
  if (error.code === 'invalid_request' && Array.isArray(issues)) {
    const explained = (issues as RequestIssue[]).map((issue) => ({ ...issue, message: issueMessage(issue, locale) }));
    params = { ...error.params, issues: explained };
    details = explained.map((i) => i.message).join(' ');
  }
  const message = messagesFor(locale).api.errors[error.code]({ ...params, details });
  return c.json(errorBody(error.code, message, params), error.status, { ...error.headers });
}

/** The app's onError; `defaultLocale` explains errors when the request names no language. */
export const errorHandler = (defaultLocale: Locale): ErrorHandler<AppEnv> => (error, c) => {
  const locale = errorLocale(c, defaultLocale);
  if (error instanceof DomainError) {
    return c.json(errorBody(error.code, domainErrorMessage(error, locale), error.params), statusOf(error.code));
  }
  if (error instanceof ApiError) return apiErrorResponse(c, error, locale);
  if (error instanceof ZodError) return apiErrorResponse(c, new ApiError('invalid_request', { issues: requestIssues(error, undefined) }), locale);
  if (error instanceof HTTPException && error.status < 500) {
    // Thrown by Hono middleware (malformed JSON, media type, body limit, bearer auth): keep its
    // status and headers, explain it in the request's language.
    const challenge = error.getResponse().headers.get('WWW-Authenticate');
    const code = httpCode(error);
    const message = messagesFor(locale).api.errors[code]({});
    return c.json(errorBody(code, message), error.status, challenge === null ? {} : { 'WWW-Authenticate': challenge });
  }
  return internalError(error, c, locale);
};

function internalError(error: Error, c: Context<AppEnv>, locale: Locale): Response {
  const requestId = c.get('requestId');
  // The logger is set by the second middleware; fall back in case something failed before it.
  (requestLog(c) ?? console).error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
  return c.json(errorBody('internal_error', messagesFor(locale).api.errors.internal_error({ requestId }), { requestId }), 500);
}

function httpCode(error: HTTPException): ApiErrorCode {
  if (error.status === 400 && /json/i.test(error.message)) return 'malformed_json';
  if (error.status === 401) return 'unauthorized';
  if (error.status === 404) return 'not_found';
  if (error.status === 413) return 'payload_too_large';
  if (error.status === 415) return 'unsupported_media_type';
  return 'bad_request';
}

/**
 * The app's notFound: a path some route serves with other methods is a 405 naming them in
 * `Allow`; anything else a 404. `allowedMethods` reads the app's routes at request time, so
 * routes mounted after createApp count too.
 */
export function notFoundHandler(defaultLocale: Locale, allowedMethods: (path: string) => readonly string[]): NotFoundHandler<AppEnv> {
  return (c) => {
    const locale = errorLocale(c, defaultLocale);
    const { method, path } = c.req;
    const allowed = allowedMethods(path);
    const error = allowed.length > 0
      ? new ApiError('method_not_allowed', { method, path, allowed }, { Allow: allowed.join(', ') })
      : new ApiError('not_found', { method, path });
    return apiErrorResponse(c, error, locale);
  };
}
