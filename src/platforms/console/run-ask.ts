// `cifras ask "<command line>"`: one command through the real dispatcher on the configured
// database, as if typed in a private chat, with the reply as plain text.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Config } from '../../config.js';
import type { AnyCommand } from '../../core/command.js';
import type { IsEditor } from '../../core/access.js';
import type { Invocation, InvocationPlatform } from '../../core/invocation.js';
import { createRegistry } from '../../core/registry.js';
import { isErrorReply } from '../../core/reply.js';
import { runCommand } from '../../core/run-command.js';
import type { Locale } from '../../domain/types.js';
import { commands } from '../../../commands/index.js';
import { renderPlainText } from './render-plain-text.js';

export interface AskOptions {
  readonly db: Kysely<Database>;
  readonly config: Pick<Config, 'owners' | 'defaultLocale'> & Partial<Pick<Config, 'timezone'>>;
  /** The command line, e.g. `/count presos políticos` (the slash is optional). */
  readonly line: string;
  /** Answer in this language whatever the chat's setting (`--lang`). */
  readonly lang?: Locale;
  /** The caller, `telegram:123` (`--as`), so owners can try admin commands; default `console:local`. */
  readonly as?: string;
  readonly now?: () => Date;
  readonly isEditor?: IsEditor;
  /** Defaults to every command in commands/. */
  readonly commands?: readonly AnyCommand[];
}

/** The reply as plain text, and whether it is an error reply (the CLI exits 1 on one). */
export interface AskResult {
  readonly text: string;
  /** Unknown command, access denied, bad arguments, a refused write: see isErrorReply. */
  readonly isError: boolean;
}

/** Runs the line and returns the reply as plain text. Throws AskUsageError for a bad `as`. */
export async function runAsk(options: AskOptions): Promise<string> {
  return (await runAskResult(options)).text;
}

/** Like runAsk, but also says whether the reply is an error, so a script can tell (exit code). */
export async function runAskResult(options: AskOptions): Promise<AskResult> {
  const registry = createRegistry(options.commands ?? commands);
  const reply = await runCommand(registry, askInvocation(options), {
    db: options.db,
    config: options.config,
    now: options.now ?? (() => new Date()),
    ...(options.isEditor === undefined ? {} : { isEditor: options.isEditor }),
  });
  return { text: renderPlainText(reply), isError: isErrorReply(reply) };
}

export class AskUsageError extends Error {
  override readonly name = 'AskUsageError';
}

/** `/count presos políticos` as a private-chat invocation from the `as` user. */
export function askInvocation(options: Pick<AskOptions, 'line' | 'lang' | 'as'>): Invocation {
  const match = /^\s*\/?(\S+)\s*([\s\S]*)$/.exec(options.line);
  if (!match?.[1]) throw new AskUsageError('ask needs a command, e.g. "/count presos políticos"');
  const user = parseAs(options.as ?? 'console:local');
  return {
    platform: 'console',
    commandName: match[1],
    rawArgs: match[2] ?? '',
    user: { ...user, isChatAdmin: true },
    // The console is the caller's private chat; its /lang setting is kept per caller.
    chat: { id: `${user.platform}:${user.id}`, type: 'private' },
    ...(options.lang === undefined ? {} : { locale: options.lang }),
  };
}

const PLATFORMS: readonly InvocationPlatform[] = ['telegram', 'discord', 'console'];

function parseAs(text: string): { platform: InvocationPlatform; id: string } {
  const [platform, id] = text.split(/:(.*)/s);
  const known = PLATFORMS.find((p) => p === platform);
  if (known === undefined || id === undefined || id.trim() === '') {
    throw new AskUsageError(`--as must be <platform>:<user-id> with platform telegram, discord or console; got "${text}"`);
  }
  return { platform: known, id: id.trim() };
}
