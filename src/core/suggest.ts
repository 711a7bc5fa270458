// Suggestions for options as the user types (Discord autocomplete), platform-neutral: what to show
// (`name`, in the user's language) and what to send back as the option's value.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { getFigure } from '../domain/figures.js';
import { listIndicators } from '../domain/indicators.js';
import { normalizeText } from '../domain/lookup.js';
import { listSources } from '../domain/sources.js';
import type { Locale } from '../domain/types.js';
import { formatValue } from '../domain/value.js';
import type { OptionKind } from './options.js';

export interface Suggestion {
  readonly name: string;
  readonly value: string | number;
}

/** Discord shows at most 25 choices. */
export const MAX_SUGGESTIONS = 25;

/** Suggestions for a partly typed option value; empty for kinds that have none. */
export async function suggest(db: Kysely<Database>, kind: OptionKind, typed: string, locale: Locale): Promise<Suggestion[]> {
  const query = normalizeText(typed);
  const matches = (...names: string[]): boolean => query === '' || names.some((n) => normalizeText(n).includes(query));
  switch (kind) {
    case 'indicator': {
      const all = await listIndicators(db);
      return all
        .filter((i) => matches(i.slug, i.name.es, i.name.en, ...i.aliases.es, ...i.aliases.en))
        .slice(0, MAX_SUGGESTIONS)
        .map((i) => ({ name: i.name[locale], value: i.slug }));
    }
    case 'source': {
      const all = await listSources(db);
      return all
        .filter((s) => matches(s.slug, s.name))
        .slice(0, MAX_SUGGESTIONS)
        .map((s) => ({ name: clip(s.name), value: s.slug }));
    }
    case 'figure-id':
      return figureSuggestion(db, typed, locale);
    default:
      return [];
  }
}

async function figureSuggestion(db: Kysely<Database>, typed: string, locale: Locale): Promise<Suggestion[]> {
  const id = Number(typed.trim().replace(/^#/, ''));
  if (!Number.isSafeInteger(id) || id <= 0) return [];
  const figure = await getFigure(db, id);
  if (figure === undefined) return [];
  return [{ name: clip(`#${id} · ${figure.indicatorSlug} · ${figure.source.name}: ${formatValue(figure.value, locale)}`), value: id }];
}

// Discord: a choice name is 1-100 characters.
function clip(text: string): string {
  return text.length <= 100 ? text : `${text.slice(0, 99)}…`;
}
