// Flood control (DESIGN.md "Roles and trust"): how many commands one user, and one chat, may have
// answered in any minute, so that one member cannot make the bot flood a group (Telegram lets a
// bot post about 20 messages a minute there, and answers more with 429).
//
// Each limit is a sliding window: the times of the commands answered in the last minute, at most
// `limit` of them, so no minute — not only each clock minute — ever holds more. Past the limit the
// first refusal gets a notice and every other one in the next minute gets silence; answers resume
// as soon as the oldest answered command is a minute old. Under a sustained flood a chat thus sees
// at most `limit` answers and one notice a minute for each limit.
//
// A command counts once, whatever the length of its reply: it is admitted before it runs, so a
// refused one costs no database read and no rendering, and replies are cut into pages that fit one
// message (core/reply-pages.ts). The windows live in this process; each server replica has its own.
import { LRUCache } from 'lru-cache';
import type { CommandLimits } from '../config.js';
import type { Invocation } from './invocation.js';

export type LimitKind = 'user' | 'chat';

export type Admission =
  | { readonly kind: 'admitted' }
  | {
      readonly kind: 'refused';
      readonly limit: LimitKind;
      /** The one refusal of the window that is answered, with a notice; the others get silence. */
      readonly notice: boolean;
      /** When the next command will be answered, in whole seconds (at least 1). */
      readonly retryAfterSeconds: number;
    };

/** prom-client's Counter satisfies it. */
export interface LimitCounter {
  inc(labels: { platform: string; limit: LimitKind }): void;
}

export interface LimitCounters {
  /** Every refused command, noticed or silent. */
  readonly refused: LimitCounter;
  readonly notices: LimitCounter;
}

export interface CommandLimiter {
  /** Whether the command may be answered now; admitted, it counts against every limit it is under. */
  admit(invocation: Pick<Invocation, 'platform' | 'user' | 'chat'>, now: Date): Admission;
}

export interface LimiterOptions {
  readonly counters?: LimitCounters;
  /**
   * Answer times kept per kind of limit, at most (default 200,000, a few MB): a flood of distinct
   * users or chats cannot grow memory past it; the least recently seen are forgotten first.
   */
  readonly maxTracked?: number;
}

const LIMIT_WINDOW_MS = 60_000;
const DEFAULT_MAX_TRACKED = 200_000;

export function createCommandLimiter(limits: CommandLimits, options: LimiterOptions = {}): CommandLimiter {
  const maxTracked = options.maxTracked ?? DEFAULT_MAX_TRACKED;
  const users = slidingWindows(limits.perUserPerMinute, maxTracked);
  const chats = slidingWindows(limits.perChatPerMinute, maxTracked);
  return {
    admit(invocation, now) {
      const at = now.getTime();
      const userKey = `${invocation.platform}:${invocation.user.id}`;
      const chatKey = `${invocation.platform}:${invocation.chat.id}`;
      // A private chat is its user's: the user's limit is the one that applies there. The chat's
      // is asked first, so a full group gets one notice, not one per member who tries.
      const checks: [LimitKind, SlidingWindows | null, string][] = [
        ['chat', invocation.chat.type === 'private' ? null : chats, chatKey],
        ['user', users, userKey],
      ];
      for (const [kind, windows, key] of checks) {
        const waitMs = windows?.waitMs(key, at) ?? 0;
        if (waitMs === 0) continue;
        const notice = windows?.takeNotice(key, at) ?? false;
        options.counters?.refused.inc({ platform: invocation.platform, limit: kind });
        if (notice) options.counters?.notices.inc({ platform: invocation.platform, limit: kind });
        return { kind: 'refused', limit: kind, notice, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      }
      for (const [, windows, key] of checks) windows?.record(key, at);
      return { kind: 'admitted' };
    },
  };
}

interface Window {
  /** When the commands answered in the last minute were, oldest first. */
  readonly answered: readonly number[];
  /** When the last notice was given; null: none in memory. */
  readonly noticeAt: number | null;
}

interface SlidingWindows {
  /** How long until `key` may have another command answered; 0: now. */
  waitMs(key: string, at: number): number;
  record(key: string, at: number): void;
  /** Whether this refusal gets the notice: none was given in the last minute (then it is remembered). */
  takeNotice(key: string, at: number): boolean;
}

/** Windows of `limit` commands a minute per key; null for 0 (no limit). */
function slidingWindows(limit: number, maxTracked: number): SlidingWindows | null {
  if (limit === 0) return null;
  // Sized by answer times, not keys: memory stays bounded whatever the limit is set to.
  const windows = new LRUCache<string, Window>({ maxSize: maxTracked, sizeCalculation: (window) => window.answered.length + 1 });
  const recent = (key: string, at: number): readonly number[] =>
    (windows.get(key)?.answered ?? []).filter((time) => time > at - LIMIT_WINDOW_MS);
  return {
    waitMs(key, at) {
      const answered = recent(key, at);
      if (answered.length < limit) return 0;
      const freedBy = answered[answered.length - limit] ?? at;
      return Math.max(1, freedBy + LIMIT_WINDOW_MS - at);
    },
    record(key, at) {
      // Replaced, not changed in place, so the cache weighs the window again.
      windows.set(key, { answered: [...recent(key, at), at], noticeAt: windows.get(key)?.noticeAt ?? null });
    },
    takeNotice(key, at) {
      const window = windows.get(key);
      const last = window?.noticeAt ?? null;
      if (last !== null && at - last < LIMIT_WINDOW_MS) return false;
      windows.set(key, { answered: window?.answered ?? [], noticeAt: at });
      return true;
    },
  };
}
