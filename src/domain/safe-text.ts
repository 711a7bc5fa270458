// The one check every written text passes (names, notes, reasons, aliases, descriptions, URLs),
// from the chat, the API and imports alike. Refused, never silently cleaned: what an editor typed
// is either stored as typed or not at all, and they are told which character to remove.
//
// - NUL: PostgreSQL cannot store it in text (the write would fail with a 500), SQLite would, so
//   data valid on one engine could not move to the other.
// - Other C0 controls (except tab, line feed and carriage return) and DEL: invisible, never meant.
// - Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder
//   what follows them, so a note could make the value and date after it display reversed.
// - The directional marks U+200E, U+200F and U+061C as well: invisible, and next to digits and
//   dashes (characters with no direction of their own) they move where a sign or a range's dash
//   is shown, so `60-75` can display as `75-60`. cifras' texts are Spanish and English, which never
//   need them.
// - Lone UTF-16 surrogates (possible in JSON `\ud800`): no engine stores them; they would become
//   U+FFFD, stored garbage.
import { DomainError } from './errors.js';

// In a `u` regex `\p{Cs}` matches only a lone surrogate (a paired one is read as its code point).
// eslint-disable-next-line no-control-regex -- matching control characters is this module's job
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\p{Cs}]/u;

/** The first character `text` may not hold, as `U+202E`; undefined when it is safe to store. */
export function unsafeCharacter(text: string): string | undefined {
  const found = UNSAFE.exec(text)?.[0];
  return found === undefined ? undefined : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Returns `text` if it is safe to store; else throws DomainError('unsafe_text') naming the field and character. */
export function assertSafeText(field: string, text: string): string {
  const character = unsafeCharacter(text);
  if (character !== undefined) throw new DomainError('unsafe_text', { field, character });
  return text;
}
