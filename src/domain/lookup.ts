// Free text to indicator: case-, accent- and punctuation-insensitive over slugs, names and
// aliases in both languages; then the closest names. Never a silent guess between several.
import type { Indicator } from './types.js';

export type LookupResult =
  | { readonly kind: 'match'; readonly indicator: Indicator }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly Indicator[] }
  | { readonly kind: 'none' };

/** Lower-case, accents removed, punctuation and dashes as single spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function namesOf(indicator: Indicator): string[] {
  return [
    indicator.slug,
    indicator.name.es,
    indicator.name.en,
    ...indicator.aliases.es,
    ...indicator.aliases.en,
  ].map(normalizeText);
}

/**
 * Edit distance where swapping two neighbouring letters counts as one edit, like a wrong letter
 * (optimal string alignment): `presso` is one slip from `presos`, not two.
 */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current[j] = best;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

function words(text: string): string[] {
  return text.split(' ').filter((w) => w.length > 0);
}

/** A normalized name and its words, computed once per indicator list. */
interface Name {
  readonly text: string;
  readonly words: readonly string[];
}

/** How well `query` matches one name: 3 exact, 2 every word a prefix of a name word, 0 neither. */
function score(query: string, queryWords: readonly string[], name: Name): number {
  if (query === name.text) return 3;
  return queryWords.every((q) => name.words.some((n) => n.startsWith(q))) ? 2 : 0;
}

/** A close spelling of one word: within one edit per five letters of it. */
function closeWord(query: string, word: string): boolean {
  const tolerance = Math.max(1, Math.floor(word.length / 5));
  return Math.abs(query.length - word.length) <= tolerance && editDistance(query, word) <= tolerance;
}

/**
 * A close spelling of a name: each word typed is a start or a close spelling of one of the name's
 * words — so a typo is forgiven (`presos politcos`), but another word is not taken for one
 * (`desaparecidos presos` is not a misspelt `desaparecidos forzosos`: it names two indicators).
 * Words run together (`presospoliticos`) are compared with the name without its spaces.
 */
function closeSpelling(query: Name, name: Name): boolean {
  if (query.words.every((q) => name.words.some((n) => n.startsWith(q) || closeWord(q, n)))) return true;
  return query.words.length === 1 && closeWord(query.text, name.words.join(''));
}

function asResult(candidates: readonly Indicator[]): LookupResult {
  if (candidates.length === 1) return { kind: 'match', indicator: candidates[0]! };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates };
  return { kind: 'none' };
}

// Normalized names per indicator list: listIndicators shares one array until the data changes,
// so each list is normalized once, not on every question.
const namedLists = new WeakMap<readonly Indicator[], readonly { indicator: Indicator; names: readonly Name[] }[]>();

function named(indicators: readonly Indicator[]): readonly { indicator: Indicator; names: readonly Name[] }[] {
  let list = namedLists.get(indicators);
  if (list === undefined) {
    list = indicators.map((indicator) => ({ indicator, names: namesOf(indicator).map((text) => ({ text, words: words(text) })) }));
    namedLists.set(indicators, list);
  }
  return list;
}

/** Shorter words (de, la, of, the…) say nothing about which indicator is meant. */
const MIN_RELATED_WORD = 4;

/**
 * When nothing matches the whole text: the indicators one of whose words a typed word starts or
 * nearly spells (`desaparecidos presos` → forced disappearances and political prisoners), to offer
 * as a choice. Never an answer by itself: the reader picks.
 */
export function relatedIndicators(indicators: readonly Indicator[], text: string): Indicator[] {
  const typed = words(normalizeText(text)).filter((w) => w.length >= MIN_RELATED_WORD);
  if (typed.length === 0) return [];
  const related = (name: Name) => typed.some((q) => name.words.some((n) => n.startsWith(q) || closeWord(q, n)));
  return named(indicators).filter(({ names }) => names.some(related)).map((n) => n.indicator);
}

export function lookupIndicator(indicators: readonly Indicator[], text: string): LookupResult {
  const query = normalizeText(text);
  if (query === '') return { kind: 'none' };
  const queryWords = words(query);
  let best = 0;
  let candidates: Indicator[] = [];
  for (const { indicator, names } of named(indicators)) {
    const s = Math.max(...names.map((name) => score(query, queryWords, name)));
    if (s === 0 || s < best) continue;
    if (s > best) {
      best = s;
      candidates = [];
    }
    candidates.push(indicator);
  }
  if (candidates.length > 0) return asResult(candidates);
  // Only when nothing matches as typed: the (costlier) search for a close spelling.
  const typed: Name = { text: query, words: queryWords };
  return asResult(named(indicators).filter(({ names }) => names.some((name) => closeSpelling(typed, name))).map((n) => n.indicator));
}
