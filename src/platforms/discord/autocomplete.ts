// Autocomplete: up to 25 suggestions for the option being typed — indicators (matched over slugs,
// names and aliases in both languages, shown in the user's language), sources, and recent figure
// ids. An option of any other kind gets no suggestions.
import {
  InteractionResponseType,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandAutocompleteResponse,
  type APIApplicationCommandOptionChoice,
} from 'discord-api-types/v10';
import { resolveLocale } from '../../core/chat-locale.js';
import type { OptionKind } from '../../core/options.js';
import type { Registry } from '../../core/registry.js';
import { formatAsOf } from '../../domain/as-of.js';
import type { DbOrTrx } from '../../domain/db.js';
import { listIndicators } from '../../domain/indicators.js';
import { lookupIndicator, normalizeText } from '../../domain/lookup.js';
import { recentFigures } from '../../domain/recent-figures.js';
import type { CacheView, ReadCache } from '../../domain/read-cache.js';
import { listSources } from '../../domain/sources.js';
import type { Indicator, Locale } from '../../domain/types.js';
import { formatValue } from '../../domain/value.js';
import { clip } from './embed-limits.js';
import { invocationChat, invocationUser } from './invocation-from-interaction.js';

export const MAX_CHOICES = 25;
const CHOICE_NAME_MAX = 100;

type Choice = APIApplicationCommandOptionChoice<string | number>;

export interface AutocompleteDeps {
  readonly db: DbOrTrx;
  readonly cache: ReadCache;
  readonly registry: Registry;
  readonly defaultLocale: Locale;
}

export async function answerAutocomplete(
  interaction: APIApplicationCommandAutocompleteInteraction,
  deps: AutocompleteDeps,
): Promise<APIApplicationCommandAutocompleteResponse> {
  const focused = interaction.data.options.flatMap((o) => ('focused' in o && o.focused === true ? [o] : []))[0];
  const kind = deps.registry.find(interaction.data.name)?.options.find((o) => o.name === focused?.name)?.kind;
  // Discord sends what was typed so far; for an integer option it may be a partial number or text.
  const typed = String(focused?.value ?? '');
  const invocation = { platform: 'discord', commandName: interaction.data.name, user: invocationUser(interaction), chat: invocationChat(interaction) } as const;
  const view = await deps.cache.view();
  const locale = await resolveLocale(deps.db, invocation, deps.defaultLocale, view);
  const choices = kind === undefined ? [] : await choicesFor(kind, typed, locale, deps.db, view);
  return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: choices.slice(0, MAX_CHOICES) } };
}

async function choicesFor(kind: OptionKind, typed: string, locale: Locale, db: DbOrTrx, cache: CacheView): Promise<Choice[]> {
  switch (kind) {
    case 'indicator':
      return indicatorChoices(await listIndicators(db, cache), typed, locale);
    case 'source':
      return sourceChoices(db, typed);
    case 'figure-id':
      return figureChoices(db, typed, locale, cache);
    default:
      return [];
  }
}

/** Indicators whose names or aliases start with (or contain) what was typed; close spellings last. */
export function indicatorChoices(indicators: readonly Indicator[], typed: string, locale: Locale): Choice[] {
  const query = normalizeText(typed);
  const scored = indicators
    .map((indicator) => ({ indicator, score: query === '' ? 1 : matchScore(indicator, query) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.indicator.name[locale].localeCompare(b.indicator.name[locale], locale));
  let found = scored.map((entry) => entry.indicator);
  if (found.length === 0) {
    const lookup = lookupIndicator(indicators, typed);
    found = lookup.kind === 'match' ? [lookup.indicator] : lookup.kind === 'ambiguous' ? [...lookup.candidates] : [];
  }
  return found.map((indicator) => ({ name: clip(indicator.name[locale], CHOICE_NAME_MAX), value: indicator.slug }));
}

/** 3: a name starts with the query; 2: every query word starts a word of a name; 1: a name contains it. */
function matchScore(indicator: Indicator, query: string): number {
  const names = [indicator.slug, indicator.name.es, indicator.name.en, ...indicator.aliases.es, ...indicator.aliases.en].map(normalizeText);
  const queryWords = query.split(' ');
  let best = 0;
  for (const name of names) {
    if (name.startsWith(query)) return 3;
    const words = name.split(' ');
    if (queryWords.every((q) => words.some((w) => w.startsWith(q)))) best = Math.max(best, 2);
    else if (name.includes(query)) best = Math.max(best, 1);
  }
  return best;
}

async function sourceChoices(db: DbOrTrx, typed: string): Promise<Choice[]> {
  const query = normalizeText(typed);
  const sources = await listSources(db);
  return sources
    .filter((s) => query === '' || normalizeText(s.slug).includes(query) || normalizeText(s.name).includes(query))
    .map((s) => ({ name: clip(s.name, CHOICE_NAME_MAX), value: s.slug }));
}

/** `#17 · Presos políticos · Foro Penal: 902 (20 dic 2025)`, newest first. */
async function figureChoices(db: DbOrTrx, typed: string, locale: Locale, cache: CacheView): Promise<Choice[]> {
  const [figures, indicators] = await Promise.all([recentFigures(db, MAX_CHOICES, typed.replace(/^#/, '').trim()), listIndicators(db, cache)]);
  const names = new Map(indicators.map((i) => [i.slug, i.name[locale]]));
  return figures.map((figure) => {
    const label = `#${figure.id} · ${names.get(figure.indicatorSlug) ?? figure.indicatorSlug} · ${figure.source.name}: ${formatValue(figure.value, locale)} (${formatAsOf(figure.asOf, locale)})`;
    return { name: clip(label, CHOICE_NAME_MAX), value: figure.id };
  });
}
