// The one dispatcher, and the one path every answer takes: finds the command by name or alias,
// resolves the reply language, checks access, reads the arguments, runs the handler — and turns
// every DomainError and ArgumentError into a translated error reply, here and nowhere else.
// Anything else is a bug and is rethrown for the platform's error boundary.
//
// A kept answer is not a second path: a cacheable command's reply is read through the same
// cache view, under one key, after the same access check and argument parsing. What is kept is
// the answer as the caller presents it (a platform's rendered message, or the Reply itself), so a
// question asked again costs neither the handler nor the rendering: every answer, kept or not,
// error or not, goes through the caller's one `present`.
//
// Flood control comes first, before any database read but the access check: every answer passes
// it, kept ones and unknown commands included (flood-refusal.ts). Only the commands no one but
// editors and owners may run are exempt once the caller is one: a short, trusted list, every write
// audited, and refusing a correction because readers used up a chat's budget would leave a wrong
// number standing. A refused /report from anyone else is limited like any other answer.
//
// A command that may write, delivered by a platform that re-sends (a Telegram update, a Discord
// interaction), claims the delivery's id inside the write's own transaction: both commit or
// neither does, so a crash between them cannot lose the write, and a re-sent copy of a committed
// one is answered "already handled" and applies nothing. A denied command claims nothing.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { createChartRenderer, type ChartRenderer } from '../charts/index.js';
import type { Config } from '../config.js';
import { todayOf } from '../domain/as-of.js';
import { isEditor } from '../domain/editors.js';
import { isDomainError } from '../domain/errors.js';
import { claimUpdate, type UpdatePlatform } from '../domain/processed-updates.js';
import { UNCACHED, type CacheView, type ReadCache } from '../domain/read-cache.js';
import type { Locale } from '../domain/types.js';
import { messagesFor } from '../i18n/index.js';
import type { Messages } from '../i18n/messages.js';
import { hasAccess, type IsEditor } from './access.js';
import { ArgumentError } from './argument-error.js';
import { resolveLocale } from './chat-locale.js';
import { mayWrite, type AnyCommand, type CommandContext, type CommandLogger } from './command.js';
import type { CommandLimiter } from './command-limiter.js';
import { floodRefusal } from './flood-refusal.js';
import { commandLabel, displayName, usageLine } from './help-text.js';
import { actorOf, type Invocation } from './invocation.js';
import type { ParsedArgs } from './options.js';
import { hasLeadingNames, splitLeadingNames } from './leading-names.js';
import { parseTextArgs, parseTypedArgs } from './parse-args.js';
import { normalizeCommandName, type Registry } from './registry.js';
import { errorBlock, isErrorReply, reply, type Reply } from './reply.js';

/** How an answer ended, as counted in `commands_total` (prom-client's Counter satisfies it). */
export type CommandOutcome = 'ok' | 'error' | 'duplicate' | 'unknown' | 'limited';
export interface CommandCounter {
  inc(labels: { command: string; platform: string; outcome: string }): void;
}

/** loadConfig's default for CIFRAS_TIMEZONE, for callers that pass no configured zone. */
const DEFAULT_TIME_ZONE = 'America/Caracas';

export interface CommandDeps {
  readonly db: Kysely<Database>;
  /** Kept answers (created once by the composition root); absent: nothing is kept. */
  readonly cache?: ReadCache;
  /** `publicUrl` and `timezone` are optional so callers without them (tests, tools) keep working. */
  readonly config: Pick<Config, 'owners' | 'defaultLocale'> & Partial<Pick<Config, 'publicUrl' | 'timezone'>>;
  readonly now: () => Date;
  /** One renderer for the process (the composition root's); absent, one is made per answer. */
  readonly charts?: ChartRenderer;
  readonly logger?: CommandLogger;
  /** Who besides the owners may edit; defaults to the editors table. */
  readonly isEditor?: IsEditor;
  readonly commands?: CommandCounter;
  /** Flood control (one for the process, the composition root's); absent: none. */
  readonly limiter?: CommandLimiter;
}

/** The platform's id of this delivery (Telegram update_id, Discord interaction id). */
export interface DeliveryClaim {
  readonly platform: UpdatePlatform;
  readonly id: string;
}

/**
 * How a caller shows a Reply (a platform's renderer). `name` tells kept answers of different
 * presenters apart in the read cache; `present` must be pure (its result is kept and shared).
 */
export interface Presenter<T> {
  readonly name: string;
  present(reply: Reply): T;
}

/** The Reply as it is: for callers that render it themselves, or not at all. */
export const AS_REPLY: Presenter<Reply> = { name: 'reply', present: (answer) => answer };

/** A presented answer kept with whether it was an error, for `commands_total`. */
interface Shown<T> {
  readonly shown: T;
  readonly error: boolean;
}

/**
 * Runs one invocation and returns the reply to send (an error reply for anything the user can
 * fix). `claim`: the delivery's id, claimed with the write when the command may write.
 */
export function runCommand(registry: Registry, invocation: Invocation, deps: CommandDeps, claim?: DeliveryClaim): Promise<Reply> {
  return presentCommand(registry, invocation, deps, AS_REPLY, claim);
}

/** runCommand, with the answer as `presenter` shows it (and kept that way, for a cacheable command). */
export async function presentCommand<T>(registry: Registry, invocation: Invocation, deps: CommandDeps, presenter: Presenter<T>, claim?: DeliveryClaim): Promise<T> {
  const command = registry.find(invocation.commandName);
  const count = (outcome: CommandOutcome): void =>
    deps.commands?.inc({ command: command?.name ?? 'unknown', platform: invocation.platform, outcome });
  const allowed =
    command !== undefined &&
    (await hasAccess(command.access, {
      db: deps.db,
      owners: deps.config.owners,
      isEditor: deps.isEditor ?? isEditor,
      user: invocation.user,
      chat: invocation.chat,
    }));
  const now = deps.now();
  const exempt = allowed && (command.access === 'editor' || command.access === 'owner');
  const refused = await floodRefusal(invocation, exempt, now, deps);
  if (refused !== undefined) {
    count('limited');
    return presenter.present(refused);
  }
  // One reading of the data version answers the chat's language and a kept reply.
  const view = deps.cache === undefined ? UNCACHED : await deps.cache.view();
  const locale = await resolveLocale(deps.db, invocation, deps.config.defaultLocale, view);
  const t = messagesFor(locale);
  if (command === undefined) {
    count('unknown');
    return presenter.present(unknownCommand(registry, invocation, locale, t));
  }
  if (!allowed && command.access !== 'anyone') {
    count('error');
    const name = `/${displayName(command, locale)}`;
    // Only a chat-admin check can have failed; an editor or owner check does not ask the platform.
    const adminAccess = command.access === 'chat-admin' || command.access === 'private-or-chat-admin';
    if (adminAccess && invocation.user.adminCheckFailed === true) return presenter.present(reply(locale, errorBlock(t.adminCheckFailed(name))));
    return presenter.present(reply(locale, errorBlock(t.accessDenied[command.access](name))));
  }
  const timeZone = deps.config.timezone ?? DEFAULT_TIME_ZONE;
  const context = (db: Kysely<Database>, cache: CacheView): CommandContext => ({
    db,
    cache,
    locale,
    t,
    now,
    today: todayOf(now),
    invocation,
    actor: actorOf(invocation.user),
    owners: deps.config.owners,
    timeZone,
    registry,
    publicUrl: deps.config.publicUrl ?? null,
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    charts: deps.charts ?? createChartRenderer(),
  });
  try {
    const args =
      hasLeadingNames(command.options) && invocation.options === undefined
        ? await readLeadingNames(command, invocation, deps.db, view)
        : readArgs(command, invocation);
    const show = (answer: Reply): Shown<T> => ({ shown: presenter.present(answer), error: isErrorReply(answer) });
    let answer: Shown<T>;
    if (claim !== undefined && mayWrite(command)) {
      const claimed = await deps.db.transaction().execute((trx) => claimedRun(trx, claim, now, () => command.handler(context(trx, UNCACHED), args)));
      if (claimed === null) {
        count('duplicate');
        deps.logger?.info({ platform: claim.platform, id: claim.id, command: command.name }, 're-delivered: not applied again');
        return presenter.present(reply(locale, errorBlock(t.platform.alreadyHandled)));
      }
      answer = show(claimed);
    } else {
      const ctx = context(deps.db, view);
      const load = async () => show(await command.handler(ctx, args));
      answer = await (command.cacheable === true ? view.read(`${presenter.name}:${replyKey(command, locale, ctx.today, args)}`, load) : load());
    }
    count(answer.error ? 'error' : 'ok');
    return answer.shown;
  } catch (error) {
    const handled = errorReply(error, command, locale, t);
    if (handled === undefined) throw error;
    count('error');
    return presenter.present(handled);
  }
}

/** The handler's reply with the id claimed in the same transaction; null if it was claimed before. */
async function claimedRun(trx: Transaction<Database>, claim: DeliveryClaim, now: Date, run: () => Promise<Reply>): Promise<Reply | null> {
  if (!(await claimUpdate(trx, claim.platform, claim.id, now))) return null;
  // A DomainError thrown here rolls the claim back with whatever the handler wrote.
  return run();
}

/** Where a cacheable command's reply is kept: it depends on the arguments, the language and the day (staleness). */
function replyKey(command: AnyCommand, locale: Locale, today: string, args: ParsedArgs): string {
  return `reply:${command.name}:${locale}:${today}:${JSON.stringify(args)}`;
}

/** Text arguments that start with names of several words: split by the data first (leading-names.ts). */
async function readLeadingNames(command: AnyCommand, invocation: Invocation, db: Kysely<Database>, cache: CacheView): Promise<ParsedArgs> {
  const { values, rest } = await splitLeadingNames(db, cache, command.options, invocation.rawArgs ?? '');
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
