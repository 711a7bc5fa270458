// Free text to one source, for commands that take one: by slug or name, ignoring case, accents and
// punctuation; a unique partial match is accepted too.
import { DomainError } from '../domain/errors.js';
import { normalizeText } from '../domain/lookup.js';
import type { Source } from '../domain/types.js';

/** The source `input` names among `all`; throws DomainError('unknown_source'). */
export function findSource(all: readonly Source[], input: string): Source {
  const query = normalizeText(input);
  const named = (s: Source): string[] => [normalizeText(s.slug), normalizeText(s.name)];
  const exact = all.find((s) => named(s).includes(query));
  if (exact !== undefined) return exact;
  const partial = query === '' ? [] : all.filter((s) => named(s).some((name) => name.includes(query)));
  if (partial.length === 1 && partial[0] !== undefined) return partial[0];
  throw new DomainError('unknown_source', { input });
}
