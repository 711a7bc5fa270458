// The seam between delivery and the platforms: the worker hands a rendered message to a
// ChannelSender and acts on what it answers. Each platform adapter (src/platforms/*/) implements
// it; tests implement it against the fake servers. A sender never throws for a platform answer:
// it classifies it.
import type { Reply } from '../core/reply.js';

/** Where a notification goes. `threadId` is a Telegram forum topic or a Discord thread. */
export interface SendTarget {
  readonly platform: string;
  readonly chatId: string;
  readonly threadId: string | null;
  /**
   * A direct message to a user (an owner's notice): `chatId` is the user's id, and the sender
   * finds the conversation (Telegram: the same id; Discord: the DM channel it opens).
   */
  readonly direct?: boolean;
}

/**
 * A message the platform accepted, as it names it: what an edit or a reply needs later. Telegram:
 * the chat id (after a migration, the new one) and message id, and the topic; Discord: the channel
 * (or thread) id and the message snowflake.
 */
export interface SentMessageRef {
  readonly chatId: string;
  readonly messageId: string;
  readonly threadId: string | null;
}

export type SendResult =
  /** The platform accepted the message; `ref` is the message it made (absent when it says none). */
  | { readonly kind: 'sent'; readonly ref?: SentMessageRef }
  /** 429: wait this long, then send again (not a failure). */
  | { readonly kind: 'rate_limited'; readonly retryAfterMs: number }
  /** 5xx, timeout, network error: retry later with backoff. */
  | { readonly kind: 'transient'; readonly error: string }
  /** 403, chat not found, bot kicked or blocked: the bot can no longer post there. */
  | { readonly kind: 'permanent'; readonly reason: string }
  /** Telegram `migrate_to_chat_id`: the group became a supergroup with this id. */
  | { readonly kind: 'migrated'; readonly chatId: string };

export type EditResult =
  /** Edited, or already showing exactly this (Telegram "message is not modified"): done. */
  | { readonly kind: 'edited' }
  /** The message cannot be edited any more (deleted, chat gone, too old): recorded, never retried. */
  | { readonly kind: 'impossible'; readonly reason: string }
  | { readonly kind: 'rate_limited'; readonly retryAfterMs: number }
  | { readonly kind: 'transient'; readonly error: string };

export interface SendOptions {
  /** Send as a reply to this message; sent anyway, as a plain message, if it is gone. */
  readonly replyTo?: SentMessageRef;
}

export interface ChannelSender<Message = unknown> {
  /**
   * Sends one message. `idempotencyNonce` is the same on every attempt of one delivery (at most
   * 25 characters): Discord sends it as `nonce` with `enforce_nonce: true`, so a resend after a
   * crash creates no second message.
   */
  send(target: SendTarget, message: Message, idempotencyNonce: string, options?: SendOptions): Promise<SendResult>;
  /** Rewrites a message sent earlier in place (Telegram editMessageText, Discord message PATCH). */
  edit(ref: SentMessageRef, message: Message): Promise<EditResult>;
}

/** A platform's sender as the worker gets it: it renders the neutral Reply in its own idiom. */
export type PlatformSender = ChannelSender<Reply>;
