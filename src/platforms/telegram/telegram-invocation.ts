// A Telegram message or button press as the platform-neutral Invocation: who (user id as a
// string), where (chat type, forum topic), their language, and whether they administer the chat.
import type { Context } from 'grammy';
import type { ChatType, Invocation } from '../../core/invocation.js';
import type { ChatAdminCache } from './chat-admin-cache.js';

export interface CommandCall {
  /** The name as typed, without slash or @botname. */
  readonly commandName: string;
  readonly rawArgs: string;
}

export interface InvocationDeps {
  readonly admins: ChatAdminCache;
  readonly logger: { warn(obj: object, msg?: string): void };
}

/**
 * Builds the invocation. `needsAdmin` says whether the command's access depends on chat admin
 * rights: only then is a group member's status asked of Telegram (readers' /count in a busy group
 * costs no getChatMember call), otherwise a group member counts as not an admin.
 */
export async function telegramInvocation(ctx: Context, call: CommandCall, needsAdmin: boolean, deps: InvocationDeps): Promise<Invocation> {
  const type = chatType(ctx.chat?.type);
  return invocationOf(ctx, call, type, knownChatAdmin(ctx, type, needsAdmin) ?? (await askChatAdmin(ctx, deps)));
}

function invocationOf(ctx: Context, call: CommandCall, type: ChatType, isChatAdmin: boolean): Invocation {
  const chat = ctx.chat;
  const msg = ctx.msg;
  const threadId = msg !== undefined && 'is_topic_message' in msg && msg.is_topic_message === true ? msg.message_thread_id : undefined;
  const languageCode = ctx.from?.language_code;
  return {
    platform: 'telegram',
    commandName: call.commandName,
    rawArgs: call.rawArgs,
    user: {
      platform: 'telegram',
      // A channel post or an anonymous admin speaks as a chat: that chat is the caller.
      id: String(ctx.senderChat?.id ?? ctx.from?.id ?? chat?.id ?? ''),
      isChatAdmin,
      ...(languageCode === undefined ? {} : { languageCode }),
    },
    chat: {
      id: String(chat?.id ?? ''),
      type,
      ...(threadId === undefined ? {} : { threadId: String(threadId) }),
    },
  };
}

function chatType(type: string | undefined): ChatType {
  if (type === 'channel') return 'channel';
  if (type === 'group' || type === 'supergroup') return 'group';
  return 'private';
}

/** Whether the caller administers the chat, when that is known without asking Telegram; else undefined. */
function knownChatAdmin(ctx: Context, type: ChatType, needsAdmin: boolean): boolean | undefined {
  // In a private chat the user is the chat; only a channel's admins can post in it.
  if (type === 'private' || type === 'channel') return true;
  const chatId = ctx.chat?.id;
  const sender = ctx.senderChat;
  // An anonymous group admin posts as the group itself; someone posting as a channel is not an admin.
  if (sender !== undefined) return sender.id === chatId;
  if (!needsAdmin || chatId === undefined || ctx.from?.id === undefined) return false;
  return undefined;
}

/** A group member's admin status, asked of Telegram (through the cache). */
async function askChatAdmin(ctx: Context, deps: InvocationDeps): Promise<boolean> {
  const chatId = ctx.chat?.id;
  const userId = ctx.from?.id;
  if (chatId === undefined || userId === undefined) return false;
  try {
    return await deps.admins.isAdmin(ctx.api, chatId, userId);
  } catch (error) {
    // Failing closed is safe: the user is told they need admin rights and can try again.
    deps.logger.warn({ err: error, chatId, userId }, 'telegram getChatMember failed; treating the user as not an admin');
    return false;
  }
}
