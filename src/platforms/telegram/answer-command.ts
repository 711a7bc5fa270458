// One command from Telegram, typed or pressed as a button: build the invocation, run it through
// the shared dispatcher, render the reply as HTML. A command that may write claims the update_id
// first, so a re-delivered update is answered ("already handled") but never applied twice.
import type { Context } from 'grammy';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Config } from '../../config.js';
import type { IsEditor } from '../../core/access.js';
import { resolveLocale } from '../../core/chat-locale.js';
import { mayWrite, type AnyCommand, type CommandLogger } from '../../core/command.js';
import type { Registry } from '../../core/registry.js';
import { errorBlock, isErrorReply, reply, type Reply } from '../../core/reply.js';
import { keptReply, runCommand } from '../../core/run-command.js';
import { claimUpdate, releaseUpdate } from '../../domain/processed-updates.js';
import { messagesFor } from '../../i18n/index.js';
import type { Metrics } from '../../metrics.js';
import type { ChatAdminCache } from './chat-admin-cache.js';
import { renderTelegramHtml, type TelegramMessage } from './render.js';
import { invocationWithoutAdminCheck, telegramInvocation, type CommandCall } from './telegram-invocation.js';

export interface TelegramLogger extends CommandLogger {
  error(obj: object, msg?: string): void;
}

export interface AnswerDeps {
  readonly db: Kysely<Database>;
  readonly config: Pick<Config, 'owners' | 'defaultLocale' | 'timezone'>;
  readonly registry: Registry;
  readonly now: () => Date;
  readonly logger: TelegramLogger;
  readonly metrics?: Metrics;
  readonly isEditor?: IsEditor;
  readonly admins: ChatAdminCache;
}

/** Runs the call and returns the messages to send. */
export async function answerCommand(ctx: Context, call: CommandCall, deps: AnswerDeps): Promise<readonly TelegramMessage[]> {
  const command = deps.registry.find(call.commandName);
  const invocation = await telegramInvocation(ctx, call, needsAdminCheck(command), deps);
  const commandDeps = {
    db: deps.db,
    config: deps.config,
    now: deps.now,
    logger: deps.logger,
    ...(deps.isEditor === undefined ? {} : { isEditor: deps.isEditor }),
  };
  const label = command?.name ?? 'unknown';
  if (!mayWrite(command)) {
    const answer = await runCommand(deps.registry, invocation, commandDeps);
    count(deps, label, command === undefined ? 'unknown' : outcome(answer));
    return renderTelegramHtml(answer);
  }
  const updateId = String(ctx.update.update_id);
  if (!(await claimUpdate(deps.db, 'telegram', updateId, deps.now()))) {
    count(deps, label, 'duplicate');
    const locale = await resolveLocale(deps.db, invocation, deps.config.defaultLocale);
    return renderTelegramHtml(reply(locale, errorBlock(messagesFor(locale).platform.alreadyHandled)));
  }
  try {
    const answer = await runCommand(deps.registry, invocation, commandDeps);
    count(deps, label, outcome(answer));
    return renderTelegramHtml(answer);
  } catch (error) {
    // Nothing was applied (the write's transaction rolled back): let Telegram's retry run it.
    await releaseUpdate(deps.db, 'telegram', updateId);
    throw error;
  }
}

/**
 * The answer, if it is kept (core's keptReply: the same /count asked again, nothing written since):
 * given without waiting on anything. Undefined: call answerCommand.
 */
export function keptAnswer(ctx: Context, call: CommandCall, deps: AnswerDeps): readonly TelegramMessage[] | undefined {
  const command = deps.registry.find(call.commandName);
  if (command === undefined || needsAdminCheck(command)) return undefined;
  const answer = keptReply(command, invocationWithoutAdminCheck(ctx, call), deps);
  if (answer === undefined) return undefined;
  count(deps, command.name, outcome(answer));
  return renderTelegramHtml(answer);
}

function needsAdminCheck(command: AnyCommand | undefined): boolean {
  return command?.access === 'chat-admin' || command?.access === 'private-or-chat-admin';
}

function outcome(answer: Reply): string {
  return isErrorReply(answer) ? 'error' : 'ok';
}

function count(deps: AnswerDeps, command: string, result: string): void {
  deps.metrics?.commands.inc({ command, platform: 'telegram', outcome: result });
}
