// A command invocation as every platform hands it to the dispatcher: who, where, which command,
// and its arguments either as raw text (Telegram, console) or as typed options (Discord).
import type { Locale } from '../domain/types.js';

export type InvocationPlatform = 'telegram' | 'discord' | 'console';

export interface InvocationUser {
  readonly platform: InvocationPlatform;
  /** Platform user ids are strings: Discord ids exceed 2^53. */
  readonly id: string;
  /** Admin of the chat the command was sent in (always true in a private chat). */
  readonly isChatAdmin: boolean;
  /**
   * The platform could not be asked whether the user administers the chat (Telegram getChatMember
   * failed): `isChatAdmin` is then false, but a refusal must say the check failed, not that the
   * user is no admin.
   */
  readonly adminCheckFailed?: boolean;
  /** Telegram `language_code`, Discord `locale` (`es-ES`, `en-US`…). */
  readonly languageCode?: string;
}

export type ChatType = 'private' | 'group' | 'channel' | 'guild';

export interface InvocationChat {
  readonly id: string;
  readonly type: ChatType;
  /** Telegram forum topic or Discord thread, when there is one. */
  readonly threadId?: string;
}

export interface Invocation {
  readonly platform: InvocationPlatform;
  /** The English name or the Spanish alias, without the slash (a leading slash is tolerated). */
  readonly commandName: string;
  /** Everything after the command in a text message. */
  readonly rawArgs?: string;
  /** Typed options by English option name (Discord). */
  readonly options?: Readonly<Record<string, string | number>>;
  readonly user: InvocationUser;
  readonly chat: InvocationChat;
  /** An explicit language for this one invocation (the console's `--lang`); beats every setting. */
  readonly locale?: Locale;
}

/** How users are named in owners, editors and the audit log: `telegram:123`. */
export function actorOf(user: InvocationUser): string {
  return `${user.platform}:${user.id}`;
}
