// Free text to one source, for commands that take one: by slug or name, ignoring case, accents and
// punctuation; failing that, a unique source whose slug or name has a word starting with each
// typed word (`foro`, `clpp`, `ministerio`). Word starts, not any substring: a fragment such as
// `dad` or `enal` inside a long name is no way of naming a source.
import { DomainError } from '../domain/errors.js';
import { normalizeText } from '../domain/lookup.js';
import type { Source } from '../domain/types.js';

/** The source `input` names among `all`; throws DomainError('unknown_source'). */
export function findSource(all: readonly Source[], input: string): Source {
  const found = matchSource(all, input);
  if (found === undefined) throw new DomainError('unknown_source', { input });
  return found;
}

/** The source `input` names among `all`, or undefined when it names none or several. */
export function matchSource(all: readonly Source[], input: string): Source | undefined {
  const query = normalizeText(input);
  if (query === '') return undefined;
  const named = (s: Source): string[] => [normalizeText(s.slug), normalizeText(s.name)];
  const exact = all.find((s) => named(s).includes(query));
  if (exact !== undefined) return exact;
  const queryWords = query.split(' ');
  const startsWords = (name: string): boolean => {
    const words = name.split(' ');
    return queryWords.every((q) => words.some((w) => w.startsWith(q)));
  };
  const partial = all.filter((s) => named(s).some(startsWords));
  return partial.length === 1 ? partial[0] : undefined;
}
