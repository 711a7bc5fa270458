// Turns a DomainError from a write into its HTTP answer: the status, the catalog's message (which
// names the accepted forms) and the body field it concerns, so an API client knows what to fix.
// A refused change of an indicator's kind is a conflict with the recorded figures: 409.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DomainError, DomainErrorCode } from '../../domain/errors.js';
import { IndicatorKindLockedError } from '../../domain/indicators.js';
import type { Locale } from '../../domain/types.js';
import { messagesFor } from '../../i18n/index.js';
import { domainErrorMessage, errorBody, statusOf } from '../error-handler.js';

/** The body field each code is about, for the figure bodies. */
const FIELDS: Partial<Record<DomainErrorCode, string>> = {
  invalid_value: 'value',
  value_too_large: 'value',
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
  if (error instanceof IndicatorKindLockedError) return kindLockedResponse(c, error, locale);
  const field = typeof error.params['field'] === 'string' ? error.params['field'] : FIELDS[error.code];
  return c.json(errorBody(error.code, domainErrorMessage(error, locale), { ...error.params, ...(field === undefined ? {} : { field }) }), statusFor(error.code));
}

/**
 * A change of kind refused because figures exist is a conflict with what is recorded (409), not a
 * malformed field, so it gets its own code and message instead of invalid_field's.
 */
function kindLockedResponse(c: Context, error: IndicatorKindLockedError, locale: Locale): Response {
  const messages = messagesFor(locale);
  const { slug, from, to, figures } = error;
  const fromText = messages.indicators.kind[from];
  const toText = messages.indicators.kind[to];
  const message = messages.api.indicatorKindLocked({ slug, from, to, fromText, toText, figures });
  return c.json(errorBody('indicator_kind_locked', message, { field: 'kind', slug, current: from, input: to, figures }), 409);
}
