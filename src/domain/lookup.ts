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

/** Levenshtein distance, capped early: only small distances matter here. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

function words(text: string): string[] {
  return text.split(' ').filter((w) => w.length > 0);
}

/** How well `query` matches one name: 3 exact, 2 every word a prefix of a name word, 1 close spelling. */
function score(query: string, name: string): number {
  if (query === name) return 3;
  const nameWords = words(name);
  const queryWords = words(query);
  if (queryWords.every((q) => nameWords.some((n) => n.startsWith(q)))) return 2;
  const tolerance = Math.max(1, Math.floor(name.length / 5));
  if (editDistance(query, name) <= tolerance) return 1;
  return 0;
}

export function lookupIndicator(indicators: readonly Indicator[], text: string): LookupResult {
  const query = normalizeText(text);
  if (query === '') return { kind: 'none' };
  let best = 0;
  let candidates: Indicator[] = [];
  for (const indicator of indicators) {
    const s = Math.max(...namesOf(indicator).map((name) => score(query, name)));
    if (s === 0 || s < best) continue;
    if (s > best) {
      best = s;
      candidates = [];
    }
    candidates.push(indicator);
  }
  if (candidates.length === 1) return { kind: 'match', indicator: candidates[0]! };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates };
  return { kind: 'none' };
}
