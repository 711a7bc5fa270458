// Typed errors the domain raises. Each entry point turns them into a translated reply or an
// HTTP answer in one place; nothing here knows about platforms or languages.

export type DomainErrorCode =
  | 'invalid_value'
  /** A count above MAX_STORED_INTEGER (value.ts). */
  | 'value_too_large'
  /** Text with a character that changes how the text around it shows (safe-text.ts). */
  | 'unsafe_text'
  | 'invalid_date'
  | 'future_date'
  | 'invalid_period'
  | 'invalid_url'
  | 'reason_required'
  | 'unknown_indicator'
  | 'ambiguous_indicator'
  | 'unknown_source'
  | 'figure_not_found'
  | 'figure_retracted'
  | 'unchanged_value'
  | 'invalid_slug'
  | 'invalid_field'
  | 'forbidden'
  | 'invalid_user'
  | 'owner_not_revocable'
  | 'invalid_cursor';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly params: Readonly<Record<string, unknown>>;

  constructor(code: DomainErrorCode, params: Record<string, unknown> = {}, message?: string) {
    super(message ?? `${code} ${JSON.stringify(params)}`);
    this.name = 'DomainError';
    this.code = code;
    this.params = params;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
