// Free text to indicator or source: case-, accent- and punctuation-insensitive over slugs, names
// and aliases (both languages for indicators); then the closest names. Never a silent guess
// between several. Every command and the API look names up here, so a name that works in one
// works in all of them.
import type { Indicator, Source } from './types.js';

/**
 * `close`: found only by a close spelling (`presso`, `forro penal`), not as typed. A read may answer
 * it; a write refuses it with "did you mean", so a figure never lands on a guess.
 */
export type Lookup<T> =
  | { readonly kind: 'match'; readonly item: T; readonly close: boolean }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly T[]; readonly close: boolean }
  | { readonly kind: 'none' };

export type LookupResult =
  | { readonly kind: 'match'; readonly indicator: Indicator; readonly close: boolean }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly Indicator[]; readonly close: boolean }
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

function indicatorNames(indicator: Indicator): string[] {
  return [indicator.slug, indicator.name.es, indicator.name.en, ...indicator.aliases.es, ...indicator.aliases.en];
}

function sourceNames(source: Source): string[] {
  return [source.slug, source.name];
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

function asResult<T>(candidates: readonly T[], close: boolean): Lookup<T> {
  if (candidates.length === 1) return { kind: 'match', item: candidates[0]!, close };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates, close };
  return { kind: 'none' };
}

interface NamedItem<T> {
  readonly item: T;
  readonly names: readonly Name[];
}

// Each list is normalized on every lookup (a few dozen names: microseconds). A memo kept at module
// level by the list's identity would be faster, but state that outlives the request and speed that
// depends on object identity are what CONVENTIONS asks us not to build; answers that are asked
// again are kept whole by the read cache and never reach the lookup.
function named<T extends object>(items: readonly T[], namesOf: (item: T) => string[]): readonly NamedItem<T>[] {
  return items.map((item) => ({ item, names: namesOf(item).map(normalizeText).map((text) => ({ text, words: words(text) })) }));
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
  return named(indicators, indicatorNames).filter(({ names }) => names.some(related)).map((n) => n.item);
}

/**
 * The one lookup: the items whose names best match `text` — exactly, else every typed word
 * starting a word of a name (`presos`, `foro`), else (`close`) a close spelling of one.
 */
function lookup<T extends object>(items: readonly NamedItem<T>[], text: string): Lookup<T> {
  const query = normalizeText(text);
  if (query === '') return { kind: 'none' };
  const queryWords = words(query);
  let best = 0;
  let candidates: T[] = [];
  for (const { item, names } of items) {
    const s = Math.max(...names.map((name) => score(query, queryWords, name)));
    if (s === 0 || s < best) continue;
    if (s > best) {
      best = s;
      candidates = [];
    }
    candidates.push(item);
  }
  if (candidates.length > 0) return asResult(candidates, false);
  // Only when nothing matches as typed: the (costlier) search for a close spelling.
  const typed: Name = { text: query, words: queryWords };
  return asResult(items.filter(({ names }) => names.some((name) => closeSpelling(typed, name))).map((n) => n.item), true);
}

export function lookupIndicator(indicators: readonly Indicator[], text: string): LookupResult {
  const found = lookup(named(indicators, indicatorNames), text);
  return found.kind === 'match' ? { kind: 'match', indicator: found.item, close: found.close } : found;
}

/** A source by slug or name, as lookupIndicator finds an indicator (`foro`, `forro-penal`). */
export function lookupSource(sources: readonly Source[], text: string): Lookup<Source> {
  return lookup(named(sources, sourceNames), text);
}
