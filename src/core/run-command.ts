// The one dispatcher: finds the command by name or alias, resolves the reply language, checks
// access, reads the arguments, runs the handler — and turns every DomainError and ArgumentError
// into a translated error reply, here and nowhere else. Anything else is a bug and is rethrown
// for the platform's error boundary.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { loadConfig, type Config } from '../config.js';
import { todayOf } from '../domain/as-of.js';
import { isDomainError } from '../domain/errors.js';
import { cacheView, cacheViewNow } from '../domain/read-cache.js';
import type { Locale } from '../domain/types.js';
import { messagesFor } from '../i18n/index.js';
import type { Messages } from '../i18n/messages.js';
import { isEditor } from '../domain/editors.js';
import { hasAccess, type IsEditor } from './access.js';
import { ArgumentError } from './argument-error.js';
import { keptLocale, resolveLocale } from './chat-locale.js';
import type { AnyCommand, CommandContext, CommandLogger } from './command.js';
import { commandLabel, displayName, usageLine } from './help-text.js';
import { actorOf, type Invocation } from './invocation.js';
import { hasLeadingNames, splitLeadingNames } from './leading-names.js';
import { parseTextArgs, parseTypedArgs } from './parse-args.js';
import type { ParsedArgs } from './options.js';
import { normalizeCommandName, type Registry } from './registry.js';
import { errorBlock, reply, type Reply } from './reply.js';

export interface CommandDeps {
  readonly db: Kysely<Database>;
  readonly config: Pick<Config, 'owners' | 'defaultLocale'> & Partial<Pick<Config, 'timezone'>>;
  readonly now: () => Date;
  readonly logger?: CommandLogger;
  /** Who besides the owners may edit; defaults to the editors table. */
  readonly isEditor?: IsEditor;
}

/** Runs one invocation and returns the reply to send (an error reply for anything the user can fix). */
export async function runCommand(registry: Registry, invocation: Invocation, deps: CommandDeps): Promise<Reply> {
  // One reading of the data version answers the chat's language and a cacheable reply.
  const view = await cacheView(deps.db);
  const locale = await resolveLocale(deps.db, invocation, deps.config.defaultLocale, view);
  const t = messagesFor(locale);
  const command = registry.find(invocation.commandName);
  if (command === undefined) return unknownCommand(registry, invocation, locale, t);

  const allowed = await hasAccess(command.access, {
    db: deps.db,
    owners: deps.config.owners,
    isEditor: deps.isEditor ?? isEditor,
    user: invocation.user,
    chat: invocation.chat,
  });
  if (!allowed && command.access !== 'anyone') {
    const name = `/${displayName(command, locale)}`;
    // Only a chat-admin check can have failed; an editor or owner check does not ask the platform.
    const adminAccess = command.access === 'chat-admin' || command.access === 'private-or-chat-admin';
    if (adminAccess && invocation.user.adminCheckFailed === true) return reply(locale, errorBlock(t.adminCheckFailed(name)));
    return reply(locale, errorBlock(t.accessDenied[command.access](name)));
  }

  const now = deps.now();
  const ctx: CommandContext = {
    db: deps.db,
    locale,
    t,
    now,
    today: todayOf(now),
    invocation,
    actor: actorOf(invocation.user),
    owners: deps.config.owners,
    timeZone: deps.config.timezone ?? loadConfig({}).timezone,
    registry,
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
  };
  try {
    const args = hasLeadingNames(command.options) && invocation.options === undefined
      ? await readLeadingNames(command, invocation, deps.db)
      : readArgs(command, invocation);
    if (command.cacheable !== true) return await command.handler(ctx, args);
    return await view.read(replyKey(command, locale, ctx.today, args), () => command.handler(ctx, args));
  } catch (error) {
    const handled = errorReply(error, command, locale, t);
    if (handled === undefined) throw error;
    return handled;
  }
}

/**
 * The reply runCommand would give, when it is kept and can be given at once: a cacheable command
 * that anyone may run, its reply and the chat's language already kept as of the data version read
 * now. Nothing is awaited, so the most frequent question — the same /count again — costs no
 * promise at all. Undefined whenever anything would need work (not kept yet, PostgreSQL, whose
 * data version is a query, access to check, arguments that do not parse): then call runCommand,
 * which answers every case, this one included. `command`: the registry's for the invocation's
 * name, which the caller has already looked up.
 */
export function keptReply(
  command: AnyCommand | undefined,
  invocation: Invocation,
  deps: Pick<CommandDeps, 'db' | 'config' | 'now'>,
): Reply | undefined {
  if (command === undefined || command.cacheable !== true || command.access !== 'anyone') return undefined;
  const view = cacheViewNow(deps.db);
  if (view === undefined) return undefined;
  const locale = keptLocale(view, invocation, deps.config.defaultLocale);
  if (locale === undefined) return undefined;
  let args: ParsedArgs;
  try {
    args = readArgs(command, invocation);
  } catch {
    return undefined;
  }
  return view.peek<Reply>(replyKey(command, locale, todayOf(deps.now()), args))?.value;
}

/** Where a cacheable command's reply is kept: it depends on the arguments, the language and the day (staleness). */
function replyKey(command: AnyCommand, locale: Locale, today: string, args: ParsedArgs): string {
  return `reply:${command.name}:${locale}:${today}:${JSON.stringify(args)}`;
}

/** Text arguments that start with names of several words: split by the data first (leading-names.ts). */
async function readLeadingNames(command: AnyCommand, invocation: Invocation, db: Kysely<Database>): Promise<ParsedArgs> {
  const { values, rest } = await splitLeadingNames(db, command.options, invocation.rawArgs ?? '');
  return parseTextArgs(command.options, rest, values);
}

/** The arguments as typed options or plain positional text (a command with leading names: readLeadingNames). */
function readArgs(command: AnyCommand, invocation: Invocation): ParsedArgs {
  return invocation.options === undefined
    ? parseTextArgs(command.options, invocation.rawArgs ?? '')
    : parseTypedArgs(command.options, invocation.options);
}

/** The translated reply for an error the user can fix; undefined for anything else. */
function errorReply(error: unknown, command: AnyCommand, locale: Locale, t: Messages): Reply | undefined {
  if (isDomainError(error)) return reply(locale, errorBlock(t.errors[error.code](error.params)));
  if (error instanceof ArgumentError) {
    const option = error.option === null ? '' : error.option.names[locale];
    const choices = (error.option?.choices ?? []).join(', ');
    const message = t.arguments[error.code](option, error.input ?? '', choices);
    return reply(locale, errorBlock(message, t.usage(usageLine(command, locale))));
  }
  return undefined;
}

function unknownCommand(registry: Registry, invocation: Invocation, locale: Locale, t: Messages): Reply {
  const help = commandLabel(registry, 'help', locale);
  return reply(locale, errorBlock(t.unknownCommand(normalizeCommandName(invocation.commandName), help)));
}
