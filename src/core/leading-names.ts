// Where a name of several words ends, for commands whose leading options are an indicator and a
// source typed without quotes: `/reportar presos políticos foro penal 902 2025-12-20 https://…`.
// Only the data can tell, so the leading words are looked up: for each leading name, the longest
// run of words that names one indicator (then source) as typed wins; failing that, the longest
// run that names something at all (a close spelling, several candidates), so the command's own
// lookup can answer "did you mean" or name the candidates; failing that, one word, as before.
// Every run leaves at least one word for each required option after it.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { listIndicators } from '../domain/indicators.js';
import { lookupIndicator, lookupSource } from '../domain/lookup.js';
import type { CacheView } from '../domain/read-cache.js';
import { listSources } from '../domain/sources.js';
import type { OptionSpec } from './options.js';
import { nextToken } from './parse-args.js';

/** No indicator or source name is longer. */
const MAX_NAME_WORDS = 8;

export interface LeadingNames {
  /** The leading options' text, by option name. */
  readonly values: Readonly<Record<string, string>>;
  /** The text after them, for parseTextArgs. */
  readonly rest: string;
}

/** True when the command's text arguments start with names that need the data to split. */
export function hasLeadingNames(options: readonly OptionSpec[]): boolean {
  return options[0]?.leadingName === true;
}

/** Splits the leading `leadingName` options off `rawArgs` (see the module comment). */
export async function splitLeadingNames(db: Kysely<Database>, cache: CacheView, options: readonly OptionSpec[], rawArgs: string): Promise<LeadingNames> {
  const [indicators, sources] = await Promise.all([listIndicators(db, cache), listSources(db)]);
  const values: Record<string, string> = {};
  let rest = rawArgs.trim();
  for (const [index, option] of options.entries()) {
    if (option.leadingName !== true || rest === '') break;
    if (/^["“«]/u.test(rest)) {
      const [token, after] = nextToken(rest);
      values[option.name] = token ?? '';
      rest = after;
      continue;
    }
    const words = leadingWords(rest);
    const after = options.slice(index + 1).filter((o) => o.required).length;
    // A word of no letter or digit (`>=`, `~`, `-`) belongs to a value: lookups ignore punctuation,
    // so `foro-penal >=` would otherwise name Foro Penal and swallow the value's qualifier.
    const symbol = words.findIndex((w) => !/[\p{L}\p{N}]/u.test(w.word));
    const most = Math.min(words.length - after, MAX_NAME_WORDS, symbol === -1 ? Number.POSITIVE_INFINITY : symbol);
    const kindOf = (text: string) => {
      const found = option.kind === 'source' ? lookupSource(sources, text) : lookupIndicator(indicators, text);
      return found.kind === 'none' ? 'none' : found.kind === 'match' && !found.close ? 'clear' : 'unclear';
    };
    const longest = (accept: (kind: string) => boolean): number | undefined => {
      for (let n = most; n >= 1; n--) if (accept(kindOf(joinWords(words, n)))) return n;
      return undefined;
    };
    const n = longest((kind) => kind === 'clear') ?? longest((kind) => kind === 'unclear');
    if (n === undefined) break;
    values[option.name] = joinWords(words, n);
    rest = words[n - 1]?.rest ?? '';
  }
  return { values, rest };
}

function leadingWords(text: string): { word: string; rest: string }[] {
  const words: { word: string; rest: string }[] = [];
  let rest = text;
  for (let match = /^(\S+)\s*/u.exec(rest); match?.[1] !== undefined; match = /^(\S+)\s*/u.exec(rest)) {
    rest = rest.slice(match[0].length);
    words.push({ word: match[1], rest });
  }
  return words;
}

function joinWords(words: readonly { word: string }[], count: number): string {
  return words.slice(0, count).map((w) => w.word).join(' ');
}
