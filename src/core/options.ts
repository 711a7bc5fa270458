// Command options: declared once per command as data, read by every platform. The parser turns
// text or typed platform values into the handler's arguments, whose type is inferred from the
// declarations (InferArgs) — a handler never casts.
import type { Localized } from '../domain/types.js';

/**
 * What an option holds:
 * - `indicator`, `source`: free text naming one (the handler looks it up, so it can offer a choice);
 *   platforms may autocomplete them.
 * - `figure-id`: a figure's public id, typed `17` or `#17`; a number.
 * - `integer`: a whole number.
 * - `string`: one word (a token without spaces, unless quoted).
 * - `value`: a figure's value (`902`, `1 085`, `60 - 75`, `>= 60`); in text it may span several
 *   words, read as parse-args.ts explains. The handler parses it (parseValue).
 * - `text`: free text, always the rest of the line.
 * - `choice`: one of `choices` (e.g. `es | en`).
 */
export type OptionKind = 'indicator' | 'source' | 'figure-id' | 'integer' | 'string' | 'value' | 'text' | 'choice';

export interface OptionSpec {
  /** The English name: a Discord option name and the key in the handler's arguments. */
  readonly name: string;
  readonly kind: OptionKind;
  /** Localized names (Discord `name_localizations`, help text); `en` is usually `name`. */
  readonly names: Localized;
  readonly description: Localized;
  readonly required: boolean;
  /** Takes the rest of the line in text invocations; only the last option may. `text` always does. */
  readonly rest?: boolean;
  /**
   * Text invocations only: unquoted, the option takes every remaining word and the options after
   * it are left empty, for the handler to find where it ends (/history: an indicator of several
   * words, then maybe a source; only the data can tell where one ends). Quoted, it is one token and
   * the options after it are read as usual. The options after it must be optional.
   */
  readonly phrase?: boolean;
  /**
   * Text invocations only, for leading `indicator`/`source` options: the name may be several
   * unquoted words, and where it ends is found by looking the leading words up in the data
   * (leading-names.ts): `/reportar presos políticos foro penal 902 …`. Quoted, it is one token.
   */
  readonly leadingName?: boolean;
  /** Platforms offer suggestions as the user types (Discord autocomplete). */
  readonly autocomplete?: boolean;
  /** For `indicator`: "all" (`todos`) is accepted too, and offered first among the suggestions. */
  readonly orAll?: boolean;
  /** For `integer`: the least and greatest accepted (Discord's min_value/max_value; the handler checks too). */
  readonly min?: number;
  readonly max?: number;
  /** For `choice`: the accepted values. */
  readonly choices?: readonly string[];
}

/** The argument type one option produces. */
export type OptionValue<O extends OptionSpec> = O extends { readonly kind: 'choice'; readonly choices: readonly (infer C)[] }
  ? C
  : O['kind'] extends 'figure-id' | 'integer'
    ? number
    : O['kind'] extends Exclude<OptionKind, 'figure-id' | 'integer'>
      ? string
      : string | number; // an option whose kind is not known statically (a type-erased command)

/** The handler's arguments for a list of options: required ones present, optional ones maybe undefined. */
export type InferArgs<Options extends readonly OptionSpec[]> = {
  readonly [O in Options[number] as O['name']]: O['required'] extends true ? OptionValue<O> : OptionValue<O> | undefined;
};

/** The plain runtime shape the parser produces before it is handed over as InferArgs. */
export type ParsedArgs = Readonly<Record<string, string | number | undefined>>;

/** True when the option swallows the rest of a text line. */
export function takesRest(option: OptionSpec): boolean {
  return option.kind === 'text' || option.rest === true;
}
