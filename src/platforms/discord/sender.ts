// The delivery worker's Discord sender: renders a notification's Reply and posts it to a channel (or
// the thread it names) through @discordjs/rest and turns every answer into one SendResult
// (DESIGN.md "Delivery"). Each send carries the delivery's `nonce` with `enforce_nonce`, so a
// resend after a crash returns the message already created instead of posting a second one.
// A reply too long for one message (a long digest) goes out in parts (renderDiscordParts), one per
// send, each with its own nonce; the worker records each before it queues the next.
//
// The worker owns retries and the overall rate (its budget is shared by every worker process), so
// the REST client for delivery (createDeliveryRest) never retries and never waits: 5xx and
// timeouts are thrown at once, and every rate limit — a 429 answered, or one the library foresees
// from the per-route buckets it tracks — is thrown as a RateLimitError. Foreseeing it still pays:
// the request that would have been a 429 is not made (Discord bans bots that make too many).
import { DiscordAPIError, HTTPError, RateLimitError, REST } from '@discordjs/rest';
import { RESTJSONErrorCodes, Routes } from 'discord-api-types/v10';
import type { DiscordConfig } from '../../config.js';
import type { EditResult, PlatformSender, SendOptions, SendResult } from '../../delivery/channel-sender.js';
import { renderDiscord, renderDiscordParts, type DiscordMessage } from './render.js';

export interface DeliveryRestOptions {
  /** Per request; keep it under half the worker's lease. Default 10 s. */
  readonly timeoutMs?: number;
}

export const DISCORD_SEND_TIMEOUT_MS = 10_000;

/** A REST client that leaves retries and waiting to the delivery worker. */
export function createDeliveryRest(discord: DiscordConfig, options: DeliveryRestOptions = {}): REST {
  return new REST({
    version: '10',
    api: discord.apiBase,
    retries: 0,
    timeout: options.timeoutMs ?? DISCORD_SEND_TIMEOUT_MS,
    rejectOnRateLimit: () => true,
    // The library's global counter is per process; the worker's budget is per bot. A global 429
    // Discord does answer still blocks this client until it resets.
    globalRequestsPerSecond: Number.POSITIVE_INFINITY,
  }).setToken(discord.botToken);
}

/** Error codes that mean the bot can no longer post in that channel. */
const GONE_CODES = new Set<number>([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.UnknownUser,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.InvalidActionOnArchivedThread,
  RESTJSONErrorCodes.ThreadLocked,
]);

/** One REST failure as a SendResult. */
export function classifyDiscordError(error: unknown): SendResult {
  if (error instanceof RateLimitError) {
    const waitMs = error.retryAfter > 0 ? error.retryAfter : error.timeToReset;
    return { kind: 'rate_limited', retryAfterMs: waitMs > 0 ? Math.ceil(waitMs) : 1000 };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : 0;
    // Any 403 on a channel post is a permission the bot lacks; a 404 only when Discord names the
    // missing thing (a bare 404 is a wrong DISCORD_API_BASE, not the channel's fault).
    if (error.status === 403 || GONE_CODES.has(code)) return { kind: 'permanent', reason: `${error.message} (${code})` };
    // 401 (token), 400 (a request we built wrong: a bug) and the rest: retry, then dead, visible
    // to admins, without pausing the subscription.
    return { kind: 'transient', error: `${error.status} ${error.message} (${code})` };
  }
  if (error instanceof HTTPError) return { kind: 'transient', error: `${error.status} ${error.message}` };
  // Timeouts (AbortError) and network errors.
  if (error instanceof Error) return { kind: 'transient', error: error.name === 'AbortError' ? 'timed out' : error.message };
  return { kind: 'transient', error: String(error) };
}

/** Codes that mean the message to edit is beyond reach (deleted, its channel gone or closed). */
const EDIT_GONE_CODES = new Set<number>([RESTJSONErrorCodes.UnknownMessage, ...GONE_CODES]);

/** One PATCH failure as an EditResult. */
export function classifyDiscordEditError(error: unknown): EditResult {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : 0;
    if (error.status === 403 || EDIT_GONE_CODES.has(code)) return { kind: 'impossible', reason: `${error.message} (${code})` };
  }
  const sent = classifyDiscordError(error);
  return sent.kind === 'rate_limited' || sent.kind === 'transient' ? sent : { kind: 'impossible', reason: sent.kind === 'permanent' ? sent.reason : 'gone' };
}

/** The edited body: the new text and embeds, still without pings. */
function editBody(message: DiscordMessage): Record<string, unknown> {
  return { content: message.content ?? '', embeds: message.embeds, components: message.components, allowed_mentions: { parse: [] } };
}

/** The wire body: the rendered embeds, no pings, and the nonce Discord deduplicates on. */
export function messageBody(message: DiscordMessage, nonce: string, options: SendOptions = {}): Record<string, unknown> {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: message.embeds,
    ...(message.components.length > 0 ? { components: message.components } : {}),
    allowed_mentions: { parse: [] },
    nonce,
    enforce_nonce: true,
    // A reply to the original, or a plain message should the original be gone.
    ...(options.replyTo !== undefined ? { message_reference: { message_id: options.replyTo.messageId, channel_id: options.replyTo.chatId, fail_if_not_exists: false } } : {}),
  };
}

/**
 * The worker's sender for Discord: each Reply rendered by renderDiscord, then posted. `rest`
 * defaults to a client from createDeliveryRest; one that retries or waits by itself would hide
 * 429s and 5xx from the worker.
 */
export function discordSender(discord: DiscordConfig, rest: REST = createDeliveryRest(discord)): PlatformSender {
  const dmChannels = new Map<string, string>();
  /** A user's DM channel, opened once and reused (Discord answers the same channel every time). */
  const dmChannel = async (userId: string): Promise<string> => {
    let channelId = dmChannels.get(userId);
    if (channelId === undefined) dmChannels.set(userId, (channelId = await openDirectMessage(rest, userId)));
    return channelId;
  };
  return {
    async send(target, reply, nonce, options): Promise<SendResult> {
      const parts = renderDiscordParts(reply);
      const message = parts[options?.part ?? 0];
      // Never expected (every reply renders to at least one message): a bug, so not "sent".
      if (parts.length === 0) return { kind: 'transient', error: 'nothing to send: the notification rendered to no message' };
      // Rendered shorter than when its first parts went (never expected): nothing is left to send.
      if (message === undefined) return { kind: 'sent', parts: parts.length };
      try {
        // Opening a DM channel fails like a post would (a 429, a user who accepts no DMs): classified alike.
        const channelId = target.direct === true ? await dmChannel(target.chatId) : (target.threadId ?? target.chatId);
        const sent = (await rest.post(Routes.channelMessages(channelId), { body: messageBody(message, nonce, options) })) as { id?: string; channel_id?: string };
        return { kind: 'sent', ...(sent.id ? { ref: { chatId: sent.channel_id ?? channelId, messageId: sent.id, threadId: target.threadId } } : {}), parts: parts.length };
      } catch (error) {
        return classifyDiscordError(error);
      }
    },
    async edit(ref, reply): Promise<EditResult> {
      try {
        await rest.patch(Routes.channelMessage(ref.chatId, ref.messageId), { body: editBody(renderDiscord(reply)) });
        return { kind: 'edited' };
      } catch (error) {
        return classifyDiscordEditError(error);
      }
    },
  };
}

/** The id of the DM channel with `userId` (Discord answers the same channel every time). */
export async function openDirectMessage(rest: REST, userId: string): Promise<string> {
  const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
  return channel.id;
}
