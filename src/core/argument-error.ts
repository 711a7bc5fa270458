// A command's arguments could not be read. The dispatcher turns it into a translated error with
// the command's usage line, like a DomainError.
import type { ArgumentErrorCode } from '../i18n/messages.js';
import type { OptionSpec } from './options.js';

export type { ArgumentErrorCode };

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
