// Free text to one source, for commands that take one: the same lookup as indicators
// (lookupSource: slug or name, ignoring case, accents and punctuation; every typed word starting
// a word of its name, `foro`, `clpp`; then a close spelling, `forro-penal`). A read takes one clear
// match, even a close spelling; a write takes only a match as typed (findSourceForWrite).
import { DomainError } from '../domain/errors.js';
import { lookupSource } from '../domain/lookup.js';
import type { Source } from '../domain/types.js';

/** The source `input` names among `all`; throws DomainError('unknown_source') naming the candidates when several fit. */
export function findSource(all: readonly Source[], input: string): Source {
  const found = lookupSource(all, input);
  if (found.kind === 'match') return found.item;
  throw unknownSource(input, found.kind === 'ambiguous' ? found.candidates : []);
}

/**
 * A source for a write: one match as typed. A close spelling is refused with "did you mean", so a
 * figure never lands on a guess.
 */
export function findSourceForWrite(all: readonly Source[], input: string): Source {
  const found = lookupSource(all, input);
  if (found.kind === 'match' && !found.close) return found.item;
  throw unknownSource(input, found.kind === 'match' ? [found.item] : found.kind === 'ambiguous' ? found.candidates : []);
}

/** The source `input` names among `all`, or undefined when it names none or several. */
export function matchSource(all: readonly Source[], input: string): Source | undefined {
  const found = lookupSource(all, input);
  return found.kind === 'match' ? found.item : undefined;
}

function unknownSource(input: string, candidates: readonly Source[]): DomainError {
  return new DomainError('unknown_source', {
    input,
    suggestions: candidates.map((s) => s.slug),
    suggestionNames: candidates.map((s) => `${s.name} (${s.slug})`),
  });
}
