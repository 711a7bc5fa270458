// The seam between delivery and the platforms: the worker hands a rendered message to a
// ChannelSender and acts on what it answers. Each platform adapter (src/platforms/*/) implements
// it; tests implement it against the fake servers. A sender never throws for a platform answer:
// it classifies it.
//
// A message a platform limit splits (a long digest) goes out one part per attempt: the sender
// says how many parts there are, and the worker records each part and queues the delivery again
// for the next, so every part is claimed, paced by the rate budget and recorded like a message of
// its own — a retry or a crash goes on from the first part the chat does not have.
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
  /**
   * The platform accepted the part; `ref` is the message it made (absent when it says none);
   * `parts` is how many parts the whole message has (1 when absent).
   */
  | { readonly kind: 'sent'; readonly ref?: SentMessageRef; readonly parts?: number }
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
  /** Which part of the message to send, from 0 (a message that fits one has only part 0). */
  readonly part?: number;
}

export interface ChannelSender<Message = unknown> {
  /**
   * Sends one part of a message (`options.part`, default 0). `idempotencyNonce` is the same on
   * every attempt of one part of one delivery (at most 25 characters): Discord sends it as `nonce`
   * with `enforce_nonce: true`, so a resend after a crash creates no second message.
   */
  send(target: SendTarget, message: Message, idempotencyNonce: string, options?: SendOptions): Promise<SendResult>;
  /**
   * Rewrites a message sent earlier in place (Telegram editMessageText, Discord message PATCH):
   * its first part, the one that names the figure (a notification's title and figure line come
   * first; what follows, the other sources' figures, is about other figures).
   */
  edit(ref: SentMessageRef, message: Message): Promise<EditResult>;
}

/** A platform's sender as the worker gets it: it renders the neutral Reply in its own idiom. */
export type PlatformSender = ChannelSender<Reply>;
