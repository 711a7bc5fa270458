// Errors of the HTTP layer itself (no route, wrong method, a body that is not JSON, a refused
// token…), as the domain's errors are: a code and parameters, thrown, and turned into a message in
// the request's language by the one error boundary (error-handler.ts).
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorCode } from '../i18n/index.js';

export type { ApiErrorCode } from '../i18n/index.js';

export const API_ERROR_STATUS = {
  not_found: 404,
  method_not_allowed: 405,
  malformed_json: 400,
  invalid_request: 400,
  bad_request: 400,
  invalid_idempotency_key: 400,
  unauthorized: 401,
  write_api_disabled: 403,
  unsupported_media_type: 415,
  payload_too_large: 413,
  idempotency_key_reused: 422,
  internal_error: 500,
} as const satisfies Record<ApiErrorCode, ContentfulStatusCode>;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly params: Readonly<Record<string, unknown>>;
  /** Response headers the answer must carry (`Allow` on a 405, `WWW-Authenticate` on a 401). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ApiErrorCode, params: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'ApiError';
    this.code = code;
    this.params = params;
    this.headers = headers;
  }

  get status(): ContentfulStatusCode {
    return API_ERROR_STATUS[this.code];
  }
}
