// The delivery worker's Telegram sender: renders a notification's Reply as HTML and sends it with grammY's Api
// (no transformers: no auto-retry, no throttler — the worker owns pacing and retries) and turns
// every Bot API answer into one SendResult (DESIGN.md "Delivery").
//
// Several messages: renderTelegramHtml splits only past 4096 characters (a long digest), never
// cutting a delivery short; each attempt sends the part the worker asks for and says how many
// there are, and the worker records each before it queues the next (channel-sender.ts).
import { Api, GrammyError, HttpError } from 'grammy';
import type { TelegramConfig } from '../../config.js';
import type { EditResult, PlatformSender, SendOptions, SendResult, SendTarget, SentMessageRef } from '../../delivery/channel-sender.js';
import { HTML_OPTIONS, renderTelegramHtml, type TelegramMessage } from './render.js';

export interface TelegramSenderOptions {
  /** Per Bot API call; keep it under half the worker's lease. Default 10 s. */
  readonly timeoutMs?: number;
  /** Replaces global fetch (tests). */
  readonly fetch?: typeof fetch;
}

export const TELEGRAM_SEND_TIMEOUT_MS = 10_000;

/**
 * 400 descriptions that mean the bot cannot post in that chat (or topic) any more. Any other 400
 * is a request we built wrong: a bug, not the chat's fault, so it is retried and ends dead,
 * visible to admins, without pausing the subscription.
 */
const GONE_400 = [
  /chat not found/i,
  /CHAT_WRITE_FORBIDDEN/,
  /have no rights to send/i,
  /not enough rights/i,
  /TOPIC_CLOSED/,
  /TOPIC_DELETED/,
  /message thread not found/i,
  /group chat was deactivated/i,
  /PEER_ID_INVALID/,
  /CHAT_RESTRICTED/,
];

/** One Bot API failure as a SendResult. */
export function classifyTelegramError(error: unknown): SendResult {
  if (error instanceof GrammyError) {
    const { error_code: code, description, parameters } = error;
    if (code === 429) return { kind: 'rate_limited', retryAfterMs: (parameters.retry_after ?? 1) * 1000 };
    if (parameters.migrate_to_chat_id !== undefined) return { kind: 'migrated', chatId: String(parameters.migrate_to_chat_id) };
    // 403: blocked by the user, kicked, not a member, user deactivated, can't initiate a conversation.
    if (code === 403) return { kind: 'permanent', reason: description };
    if (code === 400 && GONE_400.some((pattern) => pattern.test(description))) return { kind: 'permanent', reason: description };
    // 401/404 (a wrong token or API root) and 5xx are not about this chat: retry.
    return { kind: 'transient', error: `${code}: ${description}` };
  }
  // Network errors, timeouts, and answers that are not JSON (a proxy's 502 page).
  if (error instanceof HttpError) {
    const cause = error.error instanceof Error ? `: ${error.error.message}` : '';
    return { kind: 'transient', error: `${error.message}${cause}` };
  }
  return { kind: 'transient', error: error instanceof Error ? error.message : String(error) };
}

/**
 * Edit answers that mean the message is beyond reach: deleted, in a chat the bot left, too old to
 * edit. "message is not modified" is not among them: it means done (the text is already this).
 */
const EDIT_IMPOSSIBLE_400 = [/message to edit not found/i, /message can't be edited/i, /MESSAGE_ID_INVALID/, ...GONE_400];

/** One editMessageText failure as an EditResult. */
export function classifyTelegramEditError(error: unknown): EditResult {
  if (error instanceof GrammyError && error.error_code === 400 && /message is not modified/i.test(error.description)) return { kind: 'edited' };
  if (error instanceof GrammyError && error.error_code === 400 && EDIT_IMPOSSIBLE_400.some((pattern) => pattern.test(error.description))) {
    return { kind: 'impossible', reason: error.description };
  }
  if (error instanceof GrammyError && error.error_code === 403) return { kind: 'impossible', reason: error.description };
  const sent = classifyTelegramError(error);
  if (sent.kind === 'rate_limited' || sent.kind === 'transient') return sent;
  // A migrated group: its old messages stay in the old chat, which the bot can no longer write.
  return { kind: 'impossible', reason: sent.kind === 'permanent' ? sent.reason : `chat migrated to ${sent.kind === 'migrated' ? sent.chatId : '?'}` };
}

function sendOptions(target: SendTarget, message: TelegramMessage, options: SendOptions) {
  return {
    ...HTML_OPTIONS,
    ...(target.threadId !== null ? { message_thread_id: Number(target.threadId) } : {}),
    ...(message.reply_markup !== undefined ? { reply_markup: message.reply_markup } : {}),
    // Sent as a reply to the original, or as a plain message should the original be gone.
    ...(options.replyTo !== undefined ? { reply_parameters: { message_id: Number(options.replyTo.messageId), allow_sending_without_reply: true } } : {}),
  };
}

/** The worker's sender for Telegram: each Reply rendered by renderTelegramHtml, then sent. */
export function telegramSender(telegram: TelegramConfig, options: TelegramSenderOptions = {}): PlatformSender {
  const timeoutMs = options.timeoutMs ?? TELEGRAM_SEND_TIMEOUT_MS;
  const api = new Api(telegram.token, {
    apiRoot: telegram.apiRoot,
    timeoutSeconds: timeoutMs / 1000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    // A direct message (target.direct) needs nothing more: a user's private chat with the bot has the user's id.
    async send(target, reply, _nonce, sendOpts = {}): Promise<SendResult> {
      // Every part: a delivery is never cut short the way a command's long answer is.
      const messages = renderTelegramHtml(reply, { maxMessages: Number.POSITIVE_INFINITY });
      // Never expected (every reply renders to at least one message): a bug, so not "sent".
      if (messages.length === 0) return { kind: 'transient', error: 'nothing to send: the notification rendered to no message' };
      const message = messages[sendOpts.part ?? 0];
      // Rendered shorter than when its first parts went (never expected): nothing is left to send.
      if (message === undefined) return { kind: 'sent', parts: messages.length };
      try {
        const sent = await api.sendMessage(target.chatId, message.text, sendOptions(target, message, sendOpts));
        const ref: SentMessageRef = { chatId: String(sent.chat.id), messageId: String(sent.message_id), threadId: target.threadId };
        return { kind: 'sent', ref, parts: messages.length };
      } catch (error) {
        return classifyTelegramError(error);
      }
    },
    async edit(ref, reply): Promise<EditResult> {
      const message = renderTelegramHtml(reply)[0];
      if (message === undefined) return { kind: 'transient', error: 'nothing to edit: the edit rendered to no message' };
      try {
        await api.editMessageText(ref.chatId, Number(ref.messageId), message.text, { ...HTML_OPTIONS, ...(message.reply_markup !== undefined ? { reply_markup: message.reply_markup } : {}) });
        return { kind: 'edited' };
      } catch (error) {
        return classifyTelegramEditError(error);
      }
    },
  };
}
