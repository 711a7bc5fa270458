// Turns a DomainError from a write into its HTTP answer: the status, the catalog's message (which
// names the accepted forms) and the body field it concerns, so an API client knows what to fix.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DomainError, DomainErrorCode } from '../../domain/errors.js';
import type { Locale } from '../../domain/types.js';
import { messagesFor } from '../../i18n/index.js';
import { errorBody, statusOf } from '../error-handler.js';

/** The body field each code is about, for the figure bodies. */
const FIELDS: Partial<Record<DomainErrorCode, string>> = {
  invalid_value: 'value',
  invalid_date: 'asOf',
  future_date: 'asOf',
  invalid_period: 'period',
  invalid_url: 'url',
  reason_required: 'reason',
  unknown_indicator: 'indicator',
  unknown_source: 'source',
};

/**
 * An unknown indicator or source named in a body is a request that cannot be processed (422),
 * not a missing page: the route exists. A figure id in the path that does not exist is a 404.
 */
function statusFor(code: DomainErrorCode): ContentfulStatusCode {
  if (code === 'unknown_indicator' || code === 'unknown_source') return 422;
  return statusOf(code);
}

export function domainErrorResponse(c: Context, error: DomainError, locale: Locale): Response {
  const field = typeof error.params['field'] === 'string' ? error.params['field'] : FIELDS[error.code];
  const message = messagesFor(locale).errors[error.code](error.params);
  return c.json(errorBody(error.code, message, { ...error.params, ...(field === undefined ? {} : { field }) }), statusFor(error.code));
}
