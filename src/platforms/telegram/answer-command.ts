// One command from Telegram, typed or pressed as a button: build the invocation, run it through
// the shared dispatcher (which claims the update_id with any write, so a re-delivered update is
// answered "already handled" but never applied twice, and applies flood control), rendered as HTML
// (and kept so, when the answer is kept): nothing for flood control's silence.
import type { Context } from 'grammy';
import type { Kysely } from 'kysely';
import type { ChartRenderer } from '../../charts/index.js';
import type { Database } from '../../../db/schema.js';
import type { Config } from '../../config.js';
import type { IsEditor } from '../../core/access.js';
import type { CommandLogger } from '../../core/command.js';
import type { CommandLimiter } from '../../core/command-limiter.js';
import type { Registry } from '../../core/registry.js';
import { presentCommand, type CommandCounter } from '../../core/run-command.js';
import type { ReadCache } from '../../domain/read-cache.js';
import type { ChatAdminCache } from './chat-admin-cache.js';
import { TELEGRAM_HTML, type TelegramMessage } from './render.js';
import { telegramInvocation, type CommandCall } from './telegram-invocation.js';

export interface TelegramLogger extends CommandLogger {
  error(obj: object, msg?: string): void;
}

export interface AnswerDeps {
  readonly db: Kysely<Database>;
  readonly cache: ReadCache;
  readonly config: Pick<Config, 'owners' | 'defaultLocale' | 'timezone' | 'publicUrl'>;
  readonly registry: Registry;
  readonly now: () => Date;
  readonly logger: TelegramLogger;
  readonly commands?: CommandCounter;
  readonly isEditor?: IsEditor;
  readonly admins: ChatAdminCache;
  readonly charts?: ChartRenderer;
  /** Flood control, shared with Discord (the composition root's); absent: none. */
  readonly limiter?: CommandLimiter;
}

/** Runs the call and returns the messages to send. */
export async function answerCommand(ctx: Context, call: CommandCall, deps: AnswerDeps): Promise<readonly TelegramMessage[]> {
  const access = deps.registry.find(call.commandName)?.access;
  // Only a command whose access depends on admin rights asks Telegram about a group member.
  const needsAdmin = access === 'chat-admin' || access === 'private-or-chat-admin';
  const invocation = await telegramInvocation(ctx, call, needsAdmin, deps);
  return presentCommand(deps.registry, invocation, deps, TELEGRAM_HTML, { platform: 'telegram', id: String(ctx.update.update_id) });
}
