// A question in plain words (`¿cuántos presos políticos hay?`, `how many releases`), as a private
// chat sends it: the words that only ask are dropped and the rest is looked up as /count's
// indicator would be. Whatever the lookup finds — one indicator or a choice between several — is
// answered by /count itself through the one dispatcher; text that names no indicator gets a short
// help with examples taken from the indicators there are. Flood control admits each question once:
// runCommand for /count's answer, here for the help, which never reaches runCommand.
import { listIndicators } from '../domain/indicators.js';
import { lookupIndicator, normalizeText, relatedIndicators } from '../domain/lookup.js';
import type { Indicator } from '../domain/types.js';
import { UNCACHED } from '../domain/read-cache.js';
import { messagesFor } from '../i18n/index.js';
import { resolveLocale } from './chat-locale.js';
import { floodRefusal } from './flood-refusal.js';
import { commandLabel } from './help-text.js';
import type { Invocation } from './invocation.js';
import type { Registry } from './registry.js';
import { reply, text, type Reply } from './reply.js';
import { runCommand, type CommandDeps } from './run-command.js';

/**
 * Words that only ask, in Spanish and English, accents and case already removed (normalizeText).
 * Words that could name what is counted (presos, liberados, releases…) are never among them.
 */
const ASKING_WORDS: ReadonlySet<string> = new Set([
  // Spanish
  'cuantos', 'cuantas', 'cuanto', 'cuanta', 'hay', 'habia', 'cual', 'cuales', 'es', 'son', 'era', 'eran', 'la', 'el',
  'lo', 'de', 'del', 'los', 'las', 'un', 'una', 'que', 'numero', 'cifra', 'cifras', 'total', 'dime', 'sabes', 'me',
  'por', 'favor', 'hoy', 'ahora', 'actualmente', 'cuenta', 'van', 'hola', 'y', 'o', 'en', 'al',
  // English
  'how', 'many', 'much', 'what', 'whats', 'is', 'the', 'are', 'of', 'there', 'number', 'figure', 'figures', 'count',
  'a', 'an', 'now', 'today', 'currently', 'tell', 'me', 'please', 'hello', 'hi', 'and', 'or', 'in', 'were', 'was',
]);

/** The words of `message` that may name an indicator, normalized; '' when only asking words are left. */
export function questionWords(message: string): string {
  return normalizeText(message)
    .split(' ')
    .filter((word) => word !== '' && !ASKING_WORDS.has(word))
    .join(' ');
}

/** How many indicators the help names as examples. */
const EXAMPLES = 2;

/**
 * The reply to a plain-words question. `invocation` is the message as a text invocation (its
 * `rawArgs` the whole message, its command name ignored).
 */
export async function answerQuestion(registry: Registry, invocation: Invocation, deps: CommandDeps): Promise<Reply> {
  const words = questionWords(invocation.rawArgs ?? '');
  const view = deps.cache === undefined ? UNCACHED : await deps.cache.view();
  const indicators = await listIndicators(deps.db, view);
  if (words !== '' && namesSome(indicators, words)) {
    return runCommand(registry, { ...invocation, commandName: 'count', rawArgs: words }, deps);
  }
  const refused = await floodRefusal(invocation, false, deps.now(), deps);
  if (refused !== undefined) return refused;
  const locale = await resolveLocale(deps.db, invocation, deps.config.defaultLocale, view);
  const examples = indicators.slice(0, EXAMPLES).map((indicator) => indicator.name[locale].toLowerCase());
  const t = messagesFor(locale);
  return reply(locale, text(t.share.questionHelp(examples, commandLabel(registry, 'count', locale), commandLabel(registry, 'help', locale))));
}

/** Whether /count would find something for `words`: a match, a choice, or indicators some words name. */
function namesSome(indicators: readonly Indicator[], words: string): boolean {
  if (lookupIndicator(indicators, words).kind !== 'none') return true;
  const related = relatedIndicators(indicators, words).length;
  return related > 0 && related < indicators.length;
}
