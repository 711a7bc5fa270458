// Rate limits per platform (DESIGN.md "Delivery"), all configurable. Telegram: about 30 messages
// a second overall, 1 a second per chat, 20 a minute per group or channel. Discord: 50 requests
// a second overall (its per-route buckets are @discordjs/rest's business, inside the sender).

import type { DeliveryRates } from '../config.js';

export interface PlatformLimits {
  /** Messages per second for the whole bot, shared by every worker. */
  readonly perSecond: number;
  /** Messages per second to one chat. */
  readonly perChatPerSecond?: number;
  /** Messages per minute to one group or channel. */
  readonly perGroupPerMinute?: number;
}

export type DeliveryLimits = Readonly<Record<string, PlatformLimits>>;

export const DEFAULT_LIMITS: DeliveryLimits = {
  telegram: { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 },
  discord: { perSecond: 50 },
};

/** The limits set in the configuration (TELEGRAM_RATE_*, DISCORD_RATE_PER_SECOND; defaults as above). */
export function limitsFromRates(rates: DeliveryRates): DeliveryLimits {
  return {
    telegram: { perSecond: rates.telegramPerSecond, perChatPerSecond: rates.telegramPerChatPerSecond, perGroupPerMinute: rates.telegramPerGroupPerMinute },
    discord: { perSecond: rates.discordPerSecond },
  };
}

/** Telegram groups, supergroups and channels have negative ids; users positive ones. */
export function isGroupChat(chatId: string): boolean {
  return chatId.startsWith('-');
}

export interface RetryPolicy {
  /** Failed attempts (5xx, timeout, network) before a delivery is dead. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 10 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half the delay fixed, half random, so retries of many
 * deliveries that failed together spread out instead of returning as one wave.
 */
export function backoffMs(policy: RetryPolicy, attempts: number, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
