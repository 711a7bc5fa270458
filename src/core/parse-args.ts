// Turns an invocation's arguments into the handler's: text is read positionally (double quotes
// group words; an option marked rest-of-line takes what is left, so `/count presos políticos`
// works; a figure value may span several words, see readValueWords; a phrase option leaves the
// split to its command), typed platform options are read by name. Both paths convert and check values the same way.
import { isStoredInteger, readValue } from '../domain/value.js';
import { ArgumentError } from './argument-error.js';
import { takesRest, type OptionSpec, type ParsedArgs } from './options.js';

/** Reads `rawArgs` positionally against `options`. Throws ArgumentError. */
export function parseTextArgs(options: readonly OptionSpec[], rawArgs: string): ParsedArgs {
  const args: Record<string, string | number | undefined> = {};
  let rest = rawArgs.trim();
  for (const [index, option] of options.entries()) {
    let token: string | undefined;
    if (takesRest(option)) {
      token = rest === '' ? undefined : rest;
      rest = '';
    } else if (option.phrase === true && !QUOTED.test(rest)) {
      token = rest === '' ? undefined : rest;
      rest = '';
    } else if (option.kind === 'value') {
      [token, rest] = readValueWords(option, rest, options[index + 1]);
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
      return storedInteger(option, token, wholeNumber(token) ?? fail('invalid_integer', option, token));
    case 'figure-id':
      return storedInteger(option, token, wholeNumber(token.replace(/^#/, '')) ?? fail('invalid_figure_id', option, token));
    case 'choice': {
      const choice = option.choices?.find((c) => c.toLowerCase() === token.toLowerCase());
      return choice ?? fail('invalid_choice', option, token);
    }
    default:
      return token;
  }
}

/** Digits as a number, however many (storedInteger judges the size). */
function wholeNumber(token: string): number | undefined {
  return /^\d+$/.test(token) ? Number(token) : undefined;
}

/** Every integer option is an id or a count kept in an integer column: one limit for both engines. */
function storedInteger(option: OptionSpec, token: string, n: number): number {
  return isStoredInteger(n) ? n : fail('number_too_large', option, token);
}

function fail(code: 'invalid_integer' | 'invalid_figure_id' | 'number_too_large' | 'invalid_choice', option: OptionSpec, token: string): never {
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

/** More words than any value needs (`>= 1 085 000`, `1 085 - 2 000 000`): the search stops there. */
const MAX_VALUE_WORDS = 8;
/** A word that begins a qualifier or a range's second half: `-`, `–75`, `+`, `~`, `>=`, `≤`. */
const SYMBOL_START = /^[-–—+~≈<>=≥≤]/u;
/** A group of three digits: what a thousands group that did not fit looks like. */
const DIGIT_GROUP = /^\d{3}$/;
/** A number on its own (`50`, `1.085`), which free text after a value must not start with. */
const NUMBER = /^\d[\d.,]*$/;
/** A count as someone would start a sentence with it: no leading zero (`085` only continues a number). */
const COUNT_WORD = /^[1-9]\d*$/;

/**
 * The value option in text, and what follows it. Thousands separators may be spaces (`1 085`) and
 * people type `60 - 75`, `70 +`, `>= 60` or `~ 2400`, so a value may span several words; splitting
 * on spaces alone stored 1 for `1 085 miscount` and 60 for `60 - 75`. The rule:
 * - Quoted, the value is exactly what is inside the quotes, with no further checks.
 * - Otherwise it is the longest run of leading words that together form a valid value (by the
 *   figures' own parser, readValue). If no run does, the first word is taken as before and the
 *   handler refuses it with the accepted forms.
 * - Refused (`unclear_value`) rather than guessed, because a misread count is stored and published:
 *   - when the word after that run still looks like part of a number (a dash, `+`, `~`, `>=`… or a
 *     group of three digits) yet does not form a value with it: `60 - recount`, `75 - 60`, `1,085 000`;
 *   - when free text (the reason) follows and starts with a number: `870 50 more were found`;
 *   - when free text follows and the value could also end earlier with the text then starting
 *     with a count: `900 100 people` is 900100, or 900 and "100 people". A group that starts with 0
 *     (`1 085`, `900 000`) can only continue a number, so that reading is not ambiguous.
 *   The message tells the user to write the value in one word (`1085`, `1.085`, `60-75`) or quoted.
 * Before a one-word option (/report's as-of) a wrong boundary would also leave a malformed date.
 */
function readValueWords(option: OptionSpec, text: string, next: OptionSpec | undefined): [string | undefined, string] {
  if (text === '' || QUOTED.test(text)) return nextToken(text);
  const words = leadingWords(text, MAX_VALUE_WORDS);
  const valid = words.map((_, i) => readValue(joinWords(words, i + 1)) !== undefined);
  const end = valid.lastIndexOf(true) + 1; // how many words the longest valid run has; 0 if none
  const first = words[0];
  if (end === 0 || first === undefined) return first === undefined ? [undefined, ''] : [first.word, first.rest];
  const freeTextNext = next !== undefined && takesRest(next);
  const after = words[end]?.word;
  const unclear =
    (after !== undefined && (SYMBOL_START.test(after) || DIGIT_GROUP.test(after) || (freeTextNext && NUMBER.test(after)))) ||
    (freeTextNext && valid.some((ok, i) => ok && i + 1 < end && COUNT_WORD.test(words[i + 1]?.word ?? '')));
  if (unclear) throw new ArgumentError('unclear_value', option, joinWords(words, Math.min(end + 1, words.length)));
  return [joinWords(words, end), words[end - 1]?.rest ?? ''];
}

/** Up to `max` leading words of `text`, each with the text after it. */
function leadingWords(text: string, max: number): { word: string; rest: string }[] {
  const words: { word: string; rest: string }[] = [];
  let rest = text;
  while (words.length < max) {
    const match = WORD.exec(rest);
    if (match?.[1] === undefined) break;
    rest = rest.slice(match[0].length);
    words.push({ word: match[1], rest });
  }
  return words;
}

/** The first `count` words, one space apart (a no-break space typed between groups reads as one). */
function joinWords(words: readonly { word: string }[], count: number): string {
  return words.slice(0, count).map((w) => w.word).join(' ');
}
