// Turns an invocation's arguments into the handler's: text is read positionally (double quotes
// group words; an option marked rest-of-line takes what is left, so `/count presos políticos`
// works), typed platform options are read by name. Both paths convert and check values the same way.
import { ArgumentError } from './argument-error.js';
import { takesRest, type OptionSpec, type ParsedArgs } from './options.js';

/** Reads `rawArgs` positionally against `options`. Throws ArgumentError. */
export function parseTextArgs(options: readonly OptionSpec[], rawArgs: string): ParsedArgs {
  const args: Record<string, string | number | undefined> = {};
  let rest = rawArgs.trim();
  for (const option of options) {
    let token: string | undefined;
    if (takesRest(option)) {
      token = rest === '' ? undefined : rest;
      rest = '';
    } else {
      [token, rest] = nextToken(rest);
    }
    args[option.name] = convertOrMissing(option, token);
  }
  if (rest !== '') throw new ArgumentError('too_many_arguments', null, rest);
  return args;
}

/** Reads typed options by name (Discord); unknown names are ignored, as Discord sends only declared ones. */
export function parseTypedArgs(
  options: readonly OptionSpec[],
  values: Readonly<Record<string, string | number>>,
): ParsedArgs {
  const args: Record<string, string | number | undefined> = {};
  for (const option of options) {
    const value = values[option.name];
    args[option.name] = convertOrMissing(option, value === undefined ? undefined : String(value).trim());
  }
  return args;
}

function convertOrMissing(option: OptionSpec, token: string | undefined): string | number | undefined {
  if (token === undefined || token === '') {
    if (option.required) throw new ArgumentError('missing_argument', option);
    return undefined;
  }
  return convert(option, token);
}

function convert(option: OptionSpec, token: string): string | number {
  switch (option.kind) {
    case 'integer':
      return wholeNumber(token) ?? fail('invalid_integer', option, token);
    case 'figure-id':
      return wholeNumber(token.replace(/^#/, '')) ?? fail('invalid_figure_id', option, token);
    case 'choice': {
      const choice = option.choices?.find((c) => c.toLowerCase() === token.toLowerCase());
      return choice ?? fail('invalid_choice', option, token);
    }
    default:
      return token;
  }
}

function wholeNumber(token: string): number | undefined {
  if (!/^\d+$/.test(token)) return undefined;
  const n = Number(token);
  return Number.isSafeInteger(n) ? n : undefined;
}

function fail(code: 'invalid_integer' | 'invalid_figure_id' | 'invalid_choice', option: OptionSpec, token: string): never {
  throw new ArgumentError(code, option, token);
}

const QUOTED = /^(?:"([^"]*)"|“([^”]*)”|«([^»]*)»)(?:\s+|$)/u;
const WORD = /^(\S+)(?:\s+|$)/u;

/** The next word or quoted phrase, and what follows it. */
function nextToken(text: string): [string | undefined, string] {
  if (text === '') return [undefined, ''];
  const quoted = QUOTED.exec(text);
  if (quoted) return [quoted[1] ?? quoted[2] ?? quoted[3] ?? '', text.slice(quoted[0].length)];
  const word = WORD.exec(text);
  return word ? [word[1], text.slice(word[0].length)] : [undefined, ''];
}
