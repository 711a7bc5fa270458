// A command's arguments could not be read. The dispatcher turns it into a translated error with
// the command's usage line, like a DomainError.
import type { OptionSpec } from './options.js';

export type ArgumentErrorCode =
  | 'missing_argument'
  | 'invalid_integer'
  | 'invalid_figure_id'
  /** A whole number (or figure id) above MAX_STORED_INTEGER: no integer column can hold it. */
  | 'number_too_large'
  | 'invalid_choice'
  /** A figure value typed over several words whose end cannot be told for sure (see parse-args.ts). */
  | 'unclear_value'
  | 'too_many_arguments';

export class ArgumentError extends Error {
  readonly code: ArgumentErrorCode;
  /** The option concerned (null for too_many_arguments). */
  readonly option: OptionSpec | null;
  /** What the user typed for it, when there was something. */
  readonly input: string | null;

  constructor(code: ArgumentErrorCode, option: OptionSpec | null, input: string | null = null) {
    super(`${code}${option ? ` (${option.name})` : ''}${input === null ? '' : `: ${input}`}`);
    this.name = 'ArgumentError';
    this.code = code;
    this.option = option;
    this.input = input;
  }
}
