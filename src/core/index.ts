// The command kit: what platform adapters (Telegram, Discord, console) and commands build on.
//
// Declaring a command (commands/*.ts, listed in commands/index.ts):
//   export const count = defineCommand({
//     name: 'count', alias: 'cifras', description: { es, en }, access: 'anyone',
//     options: [{ name: 'indicator', kind: 'indicator', names: { es: 'indicador', en: 'indicator' },
//                 description: { es, en }, required: false, rest: true, autocomplete: true }],
//     handler: async (ctx, { indicator }) => …,   // indicator: string | undefined — inferred
//   });
// Option kinds (options.ts): indicator, source (free text the handler looks up), figure-id and
// integer (numbers), string (one word or a "quoted phrase"), text (rest of the line), choice
// (one of `choices`, typed as their union). `rest: true` lets the last option take the rest of a
// text line. Access (access.ts): anyone | private-or-chat-admin | chat-admin | editor | owner;
// owners (config.owners) pass every check, editors come from the `isEditor` dependency.
//
// Running one (every platform): build an Invocation (invocation.ts) — platform, commandName (name
// or alias), rawArgs (text) or options (typed, by English option name), user { platform, id,
// isChatAdmin, languageCode }, chat { id, type, threadId } — and call
//   runCommand(registry, invocation, { db, config: { owners, defaultLocale }, now, logger?, isEditor? })
// It resolves the language (invocation.locale, else the chat's /lang, else the user's language,
// else config.defaultLocale), checks access, parses arguments and runs the handler. DomainError
// and ArgumentError become a translated error reply there; any other error is rethrown for the
// platform's error boundary.
//
// The Reply (reply.ts) is structured — text, list, summary, choice and error blocks — with all text
// translated and formatted; no string is markup, so a renderer escapes every string it prints.
// Choice options carry a full English command line (`/count political-prisoners`) to run when
// picked (Telegram callback data, Discord custom_id): feed it back as a text invocation.
//
// For registration: telegramCommandLists(registry) gives setMyCommands' lists (default English,
// `es` Spanish); commandSchemas(registry) gives a neutral schema (names, es/en localizations,
// option value types, required, autocomplete, choices) to turn into Discord command JSON;
// suggest(db, kind, typed, locale) answers autocomplete for indicator, source and figure-id options.
export { hasAccess, isOwner, type Access, type IsEditor } from './access.js';
export { ArgumentError, type ArgumentErrorCode } from './argument-error.js';
export { getChatLocale, localeFromLanguageCode, resolveLocale, setChatLocale } from './chat-locale.js';
export { defineCommand, type AnyCommand, type Command, type CommandContext, type CommandLogger, type CommandSpec } from './command.js';
export { commandLabel, displayName, helpLines, helpText, usageLine, type HelpLine } from './help-text.js';
export { actorOf, type ChatType, type Invocation, type InvocationChat, type InvocationPlatform, type InvocationUser } from './invocation.js';
export type { InferArgs, OptionKind, OptionSpec, OptionValue } from './options.js';
export { parseTextArgs, parseTypedArgs } from './parse-args.js';
export {
  commandSchemas,
  telegramCommandLists,
  type CommandListEntry,
  type CommandSchema,
  type OptionSchema,
} from './platform-schema.js';
export { createRegistry, namesOf, normalizeCommandName, type Registry } from './registry.js';
export * from './reply.js';
export { resolveIndicator, type IndicatorResolution } from './resolve-indicator.js';
export { findSource } from './resolve-source.js';
export { runCommand, type CommandDeps } from './run-command.js';
export { summaryBlock, formatPeriod } from './summary-block.js';
export { MAX_SUGGESTIONS, suggest, type Suggestion } from './suggest.js';
