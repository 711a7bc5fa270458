// Lists in the order a reader expects: by the name they read, in the reply's language, as a
// dictionary sorts it (Intl.Collator: accents and case do not reorder, `Ó` sorts with `O`) — not by
// slug, which follows the English name and reads as shuffled in Spanish.
import type { Locale } from '../domain/types.js';

// A collator is costly to build and cheap to use: one per language.
const collators = new Map<Locale, Intl.Collator>();

function collator(locale: Locale): Intl.Collator {
  let found = collators.get(locale);
  if (found === undefined) {
    found = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, found);
  }
  return found;
}

/** A sorted copy of `items` by `nameOf(item)` in `locale`. */
export function sortByName<T>(items: readonly T[], nameOf: (item: T) => string, locale: Locale): T[] {
  const compare = collator(locale).compare;
  return [...items].sort((a, b) => compare(nameOf(a), nameOf(b)));
}
