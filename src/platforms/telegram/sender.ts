// The delivery worker's Telegram sender: renders a notification's Reply as HTML and sends it with grammY's Api
// (no transformers: no auto-retry, no throttler — the worker owns pacing and retries) and turns
// every Bot API answer into one SendResult (DESIGN.md "Delivery").
//
// Several messages: renderTelegramHtml splits only past 4096 characters, which a notification (a
// few lines) never reaches in practice. Should it happen, the parts go out in order and the first
// part decides the result: once it is accepted the delivery counts as sent, and a failure of a
// later part is logged, not retried — a retry would repeat the parts the chat already has.
import { Api, GrammyError, HttpError } from 'grammy';
import type { TelegramConfig } from '../../config.js';
import type { PlatformSender, SendResult, SendTarget } from '../../delivery/channel-sender.js';
import type { Logger } from '../../logger.js';
import { HTML_OPTIONS, renderTelegramHtml, type TelegramMessage } from './render.js';

export interface TelegramSenderOptions {
  /** Per Bot API call; keep it under half the worker's lease. Default 10 s. */
  readonly timeoutMs?: number;
  /** Replaces global fetch (tests). */
  readonly fetch?: typeof fetch;
  /** Told when a later part of a split message fails. */
  readonly logger?: Pick<Logger, 'warn'>;
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

function sendOptions(target: SendTarget, message: TelegramMessage) {
  return {
    ...HTML_OPTIONS,
    ...(target.threadId !== null ? { message_thread_id: Number(target.threadId) } : {}),
    ...(message.reply_markup !== undefined ? { reply_markup: message.reply_markup } : {}),
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
    // A user's private chat with the bot has the user's id.
    directTarget: async (userId) => ({ platform: 'telegram', chatId: userId, threadId: null }),
    async send(target, reply): Promise<SendResult> {
      const messages = renderTelegramHtml(reply);
      // Never expected (every reply renders to at least one message): a bug, so not "sent".
      if (messages.length === 0) return { kind: 'transient', error: 'nothing to send: the notification rendered to no message' };
      for (const [index, message] of messages.entries()) {
        try {
          await api.sendMessage(target.chatId, message.text, sendOptions(target, message));
        } catch (error) {
          if (index === 0) return classifyTelegramError(error);
          options.logger?.warn({ err: error, chatId: target.chatId, part: index + 1, parts: messages.length }, 'a later part of a split notification failed; not resent');
          return { kind: 'sent' };
        }
      }
      return { kind: 'sent' };
    },
  };
}
